// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {SettlementBridge} from "../src/SettlementBridge.sol";
import {SettlementCustody} from "../src/SettlementCustody.sol";
import {SettlementData as D} from "../src/SettlementData.sol";
import {SettlementSetUp} from "./SettlementSetUp.sol";
import {SyntheticBatches} from "./SyntheticBatches.sol";
import {SettlementFixture as F} from "./fixtures/SettlementFixture.sol";

/// Registers forced withdrawal requests with a signature inside the ranges the bridge checks.
abstract contract Requesting {
    function forceAs(SettlementBridge bridge, uint256 account) internal returns (uint256) {
        return bridge.forceWithdrawal(account, 0, 1e6, address(0xA11CE), 1, 2, 3);
    }
}

/// The freeze on the fixture's bridge (real proofs): anyone freezes once the oldest unserved
/// request is overdue, and a frozen bridge accepts no batch, deposit or request, while claims go
/// on. (The fixture's circuit has no request slots, so its batches serve no request.)
contract FreezeTest is SettlementSetUp, Requesting {
    function setUp() public override {
        super.setUp();
        queueAll();
        submit(1);
    }

    function test_nobodyFreezesWithoutAPendingRequest() public {
        vm.expectRevert(SettlementCustody.NoPendingRequest.selector);
        bridge.freeze();
    }

    /// The deadline is inclusive: at exactly the request's time + exitDeadline it is not overdue.
    function test_nobodyFreezesBeforeTheDeadline() public {
        forceAs(bridge, 5);
        uint256 deadline = block.timestamp + EXIT_DEADLINE;
        vm.warp(deadline);
        vm.expectRevert(
            abi.encodeWithSelector(SettlementCustody.RequestNotOverdue.selector, 0, deadline)
        );
        bridge.freeze();
    }

    function test_anyoneFreezesOnceARequestIsOverdue() public {
        forceAs(bridge, 5);
        vm.warp(block.timestamp + EXIT_DEADLINE + 1);
        vm.expectEmit(false, false, false, true, address(bridge));
        emit SettlementCustody.Frozen(0, address(0xF00));
        vm.prank(address(0xF00));
        bridge.freeze();
        assertTrue(bridge.frozen());
        vm.expectRevert(SettlementCustody.BridgeFrozen.selector);
        bridge.freeze();
    }

    /// A pause cannot keep traders in: the deadline runs on while batches are paused.
    function test_aPauseDoesNotStopTheDeadline() public {
        vm.prank(GUARDIAN);
        bridge.pause();
        forceAs(bridge, 5);
        vm.warp(block.timestamp + EXIT_DEADLINE + 1);
        bridge.freeze();
        assertTrue(bridge.frozen());
    }

    /// The fixture's next batch, valid in every other way, is refused on a frozen bridge; so are
    /// deposits and requests. Claims are not.
    function test_aFrozenBridgeAcceptsNoBatchDepositOrRequest() public {
        submit(2);
        frozenNow();
        F.Batch memory b = F.batch(3);
        vm.expectRevert(SettlementCustody.BridgeFrozen.selector);
        submit(b.publicData, b.commitment, b.proof);
        assertEq(bridge.batchCount(), 2);

        token.mint(address(this), 1e6);
        token.approve(address(bridge), 1e6);
        vm.expectRevert(SettlementCustody.BridgeFrozen.selector);
        bridge.deposit(1, 2, 3, 1e6);
        vm.expectRevert(SettlementCustody.BridgeFrozen.selector);
        forceAs(bridge, 5);

        address to = F.batch(2).withdrawals[0].to;
        uint256 amount = F.batch(2).withdrawals[0].amount;
        bridge.claim(to);
        assertEq(token.balanceOf(to), amount);
    }

    function frozenNow() internal {
        forceAs(bridge, 9);
        vm.warp(block.timestamp + EXIT_DEADLINE + 1);
        bridge.freeze();
    }
}

/// The deadline counts from the oldest request no batch served (synthetic batches that serve
/// requests, on the accepting verifier).
contract FreezeDeadlineTest is SyntheticBatches, Requesting {
    function setUp() public {
        deploySynthetic(D.Layout(1, 1, 1, 0, 2, 1, false));
    }

    function serveOne() internal {
        uint256[] memory d = nextBatch();
        serving(d, 1);
        putRequest(d, 0, Request(5, 0, 1e6, address(0xA11CE), 1, 2, 3), 0);
        submitSynthetic(d);
    }

    /// A request served in time never freezes the bridge.
    function test_aServedRequestCannotFreeze() public {
        forceAs(bridge, 5);
        vm.warp(block.timestamp + EXIT_DEADLINE);
        serveOne();
        vm.warp(block.timestamp + 365 days);
        vm.expectRevert(SettlementCustody.NoPendingRequest.selector);
        bridge.freeze();
    }

    /// Once the oldest is served, the next one's own time starts the clock.
    function test_theNextRequestsDeadlineCountsFromItsOwnTime() public {
        forceAs(bridge, 5);
        vm.warp(block.timestamp + 100);
        forceAs(bridge, 5);
        uint256 second = block.timestamp;
        vm.warp(block.timestamp + EXIT_DEADLINE);
        serveOne();
        vm.expectRevert(
            abi.encodeWithSelector(
                SettlementCustody.RequestNotOverdue.selector, 1, second + EXIT_DEADLINE
            )
        );
        bridge.freeze();
        vm.warp(second + EXIT_DEADLINE + 1);
        bridge.freeze();
    }

    /// The freeze succeeds exactly when the oldest unserved request is older than the deadline,
    /// and from then on no batch is accepted.
    function testFuzz_freezeExactlyWhenOverdue(uint256 wait, uint256 served) public {
        wait = bound(wait, 0, 3 * EXIT_DEADLINE);
        served = bound(served, 0, 1);
        forceAs(bridge, 5);
        uint256 registered = block.timestamp;
        vm.warp(registered + 10);
        forceAs(bridge, 9);
        if (served == 1) serveOne();
        uint256 oldest = served == 1 ? registered + 10 : registered;
        vm.warp(registered + wait);
        if (registered + wait > oldest + EXIT_DEADLINE) {
            bridge.freeze();
            uint256[] memory d = nextBatch();
            vm.expectRevert(SettlementCustody.BridgeFrozen.selector);
            submitSynthetic(d);
        } else {
            vm.expectRevert(
                abi.encodeWithSelector(
                    SettlementCustody.RequestNotOverdue.selector, served, oldest + EXIT_DEADLINE
                )
            );
            bridge.freeze();
        }
    }
}
