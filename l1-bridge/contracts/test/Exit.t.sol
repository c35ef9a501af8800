// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {BridgeRoles} from "../src/BridgeRoles.sol";
import {ExitData} from "../src/ExitData.sol";
import {SettlementBridge} from "../src/SettlementBridge.sol";
import {SettlementCustody} from "../src/SettlementCustody.sol";
import {SettlementData as D} from "../src/SettlementData.sol";
import {SettlementSetUp} from "./SettlementSetUp.sol";
import {AcceptingVerifier} from "./SyntheticBatches.sol";
import {SettlementFixture as F} from "./fixtures/SettlementFixture.sol";

/// The fixture's chain accepted, then a forced request left unserved and the bridge frozen: the
/// world every exit test starts from.
abstract contract FrozenChain is SettlementSetUp {
    /// A deposit queued after the last batch: no batch ever consumed it.
    uint256 internal pendingIndex;
    address internal constant LATE = address(0x1A7E);

    function setUp() public virtual override {
        super.setUp();
        queueAll();
        for (uint256 n = 1; n <= F.BATCHES; n++) {
            submit(n);
        }
        pendingIndex = depositAs(bridge, LATE, 77, 1, 2, 3e6);
    }

    function freezeNow() internal {
        bridge.forceWithdrawal(5, 0, 1e6, address(0xA11CE), 1, 2, 3);
        vm.warp(block.timestamp + EXIT_DEADLINE + 1);
        bridge.freeze();
    }

    function exitWith(F.Exit memory e) internal {
        bridge.exit(e.data, e.commitment, e.proof);
    }

    /// Expects exit e, with its data replaced by d, to revert with `reason`.
    function expectExitRejected(F.Exit memory e, uint256[] memory d, bytes memory reason) internal {
        vm.expectRevert(reason);
        bridge.exit(d, e.commitment, e.proof);
    }
}

/// Exits with real proofs of the exit circuit (circuits/exit), and the refund of deposits no
/// batch consumed. Each rule the bridge or the proof enforces is attacked.
contract ExitTest is FrozenChain {
    function setUp() public override {
        super.setUp();
        freezeNow();
    }

    function test_theExitVerifierReportsTheKeyHashGoComputed() public view {
        assertEq(bridge.exitVerifier().verifyingKeyHash(), F.EXIT_VK_HASH);
    }

    /// Each account is credited its equity under the last root, to the recipient it signed for,
    /// and the recipient claims it.
    function test_eachAccountExitsWithItsEquity() public {
        F.Exit[] memory exits = F.exits();
        for (uint256 i = 0; i < exits.length; i++) {
            F.Exit memory e = exits[i];
            uint256 before = bridge.claimable(e.recipient);
            vm.expectEmit(true, true, false, true, address(bridge));
            emit SettlementCustody.Exited(e.account, e.recipient, e.amount);
            vm.prank(address(0x4E1A7)); // anyone may send the owner's exit
            exitWith(e);
            assertTrue(bridge.exited(e.account));
            assertEq(bridge.claimable(e.recipient), before + e.amount);
            bridge.claim(e.recipient);
            assertEq(token.balanceOf(e.recipient), before + e.amount);
        }
    }

    function test_anAccountExitsOnce() public {
        F.Exit memory e = F.exits()[0];
        exitWith(e);
        expectExitRejected(
            e, e.data, abi.encodeWithSelector(SettlementCustody.AlreadyExited.selector, e.account)
        );
    }

    /// The exit is bound to its data: another amount, recipient or account than proven fails the
    /// proof (each still passes the bridge's own checks).
    function test_anExitForOtherDataThanProvenIsRejected() public {
        F.Exit memory e = F.exits()[0];
        uint256[3] memory fields = [ExitData.AMOUNT, ExitData.RECIPIENT, ExitData.ACCOUNT];
        uint256[3] memory values = [e.amount + 1, uint256(uint160(address(0xE7E))), 9];
        for (uint256 i = 0; i < fields.length; i++) {
            uint256[] memory d = copy(e.data);
            d[fields[i]] = values[i];
            expectExitRejected(e, d, abi.encodeWithSelector(BridgeRoles.InvalidProof.selector));
        }
    }

    /// Alice's proof with Bob's exit data, and under another commitment.
    function test_aProofReplayedForAnotherExitIsRejected() public {
        F.Exit memory alice = F.exits()[0];
        F.Exit memory bob = F.exits()[1];
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        bridge.exit(bob.data, bob.commitment, alice.proof);
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        bridge.exit(alice.data, bob.commitment, alice.proof);
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        bridge.exit(alice.data, alice.commitment, tampered(alice.proof));
    }

    /// An exit valued at other marks than the bridge stores (a row changed by one bit) is refused
    /// before the proof is checked.
    function test_anExitAtOtherMarksIsRejected() public {
        F.Exit memory e = F.exits()[0];
        uint256 slot = firstHeldSlot(e);
        uint256[] memory d = copy(e.data);
        uint256 stored = d[ExitData.ROWS + slot];
        d[ExitData.ROWS + slot] = stored ^ (1 << 80); // the mark's lowest bit
        expectExitRejected(
            e,
            d,
            abi.encodeWithSelector(
                SettlementCustody.WrongMarketRow.selector, slot, stored, d[ExitData.ROWS + slot]
            )
        );
    }

    function test_anExitAgainstAnotherRootIsRejected() public {
        F.Exit memory e = F.exits()[0];
        uint256[] memory d = copy(e.data);
        d[ExitData.STATE_ROOT] = F.batch(2).newRoot;
        expectExitRejected(
            e,
            d,
            abi.encodeWithSelector(
                SettlementCustody.WrongExitRoot.selector, bridge.stateRoot(), F.batch(2).newRoot
            )
        );
    }

    function test_anExitForAnotherChainOrBridgeIsRejected() public {
        F.Exit memory e = F.exits()[0];
        vm.chainId(1);
        expectExitRejected(
            e,
            e.data,
            abi.encodeWithSelector(SettlementCustody.WrongExitChainId.selector, 1, F.CHAIN_ID)
        );
        vm.chainId(F.CHAIN_ID);
        uint256[] memory d = copy(e.data);
        d[ExitData.CONTRACT] = uint160(address(0xB1D6E));
        expectExitRejected(
            e,
            d,
            abi.encodeWithSelector(
                SettlementCustody.WrongExitBridge.selector, address(bridge), d[ExitData.CONTRACT]
            )
        );
    }

    function test_malformedExitDataIsRefused() public {
        F.Exit memory e = F.exits()[0];
        uint256[] memory d = new uint256[](ExitData.LENGTH + 1);
        expectExitRejected(
            e,
            d,
            abi.encodeWithSelector(
                SettlementCustody.WrongExitDataLength.selector, ExitData.LENGTH, d.length
            )
        );
        d = copy(e.data);
        d[ExitData.AMOUNT] = 0;
        expectExitRejected(
            e, d, abi.encodeWithSelector(SettlementCustody.AmountOutOfRange.selector, 0)
        );
        d = copy(e.data);
        d[ExitData.RECIPIENT] = 1 << 160;
        expectExitRejected(
            e, d, abi.encodeWithSelector(SettlementCustody.RecipientOutOfRange.selector, 1 << 160)
        );
        d = copy(e.data);
        d[ExitData.ACCOUNT] = 1 << 24;
        expectExitRejected(
            e, d, abi.encodeWithSelector(SettlementCustody.AccountOutOfRange.selector, 1 << 24)
        );
    }

    /// A deposit no batch consumed goes back to its sender, once.
    function test_aPendingDepositIsRefundedOnce() public {
        uint256 record = D.depositRecord(77, 3e6, LATE);
        vm.expectEmit(true, true, false, true, address(bridge));
        emit SettlementCustody.DepositRefunded(pendingIndex, LATE, 3e6);
        bridge.refundPendingDeposit(pendingIndex, record, 1, 2);
        assertEq(bridge.claimable(LATE), 3e6);
        assertTrue(bridge.pendingDepositRefunded(pendingIndex));
        vm.expectRevert(
            abi.encodeWithSelector(SettlementCustody.DepositAlreadyRefunded.selector, pendingIndex)
        );
        bridge.refundPendingDeposit(pendingIndex, record, 1, 2);
        bridge.claim(LATE);
        assertEq(token.balanceOf(LATE), 3e6);
    }

    /// A consumed deposit is not pending; a record other than the queue's (a larger amount,
    /// another sender) is refused.
    function test_onlyTheQueuedRecordOfAPendingDepositIsRefunded() public {
        F.Deposit memory consumed = F.deposits()[0];
        vm.expectRevert(abi.encodeWithSelector(SettlementCustody.DepositNotPending.selector, 0));
        bridge.refundPendingDeposit(
            0,
            D.depositRecord(consumed.account, consumed.amount, consumed.sender),
            consumed.keyX,
            consumed.keyY
        );
        vm.expectRevert(
            abi.encodeWithSelector(SettlementCustody.DepositNotPending.selector, pendingIndex + 1)
        );
        bridge.refundPendingDeposit(pendingIndex + 1, 0, 0, 0);
        uint256[2] memory forged =
            [D.depositRecord(77, 3e6 + 1, LATE), D.depositRecord(77, 3e6, address(0xE7E))];
        for (uint256 i = 0; i < forged.length; i++) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    SettlementCustody.DepositRecordMismatch.selector, pendingIndex
                )
            );
            bridge.refundPendingDeposit(pendingIndex, forged[i], 1, 2);
        }
    }

    /// Governance alone replaces the exit verifier, after its delay.
    function test_onlyGovernanceReplacesTheExitVerifier() public {
        AcceptingVerifier next = new AcceptingVerifier();
        vm.expectRevert(abi.encodeWithSelector(BridgeRoles.NotGovernance.selector, GUARDIAN));
        vm.prank(GUARDIAN);
        bridge.setExitVerifier(next);
        bytes memory call = abi.encodeCall(SettlementCustody.setExitVerifier, (next));
        vm.prank(PROPOSER);
        timelock.schedule(address(bridge), 0, call, bytes32(0), bytes32(0), DELAY);
        vm.warp(block.timestamp + DELAY);
        vm.expectEmit(true, true, false, true, address(bridge));
        emit SettlementCustody.ExitVerifierChanged(
            address(exitVerifier), address(next), next.verifyingKeyHash()
        );
        vm.prank(PROPOSER);
        timelock.execute(address(bridge), 0, call, bytes32(0), bytes32(0));
        assertEq(address(bridge.exitVerifier()), address(next));
    }

    function firstHeldSlot(F.Exit memory e) internal pure returns (uint256) {
        for (uint256 p = 0; p < ExitData.SLOTS; p++) {
            if (e.data[ExitData.ROWS + p] != 0) return p;
        }
        revert("the fixture's exit holds no position");
    }

    function copy(uint256[] memory d) internal pure returns (uint256[] memory out) {
        out = new uint256[](d.length);
        for (uint256 i = 0; i < d.length; i++) {
            out[i] = d[i];
        }
    }

    function tampered(bytes memory proof) internal pure returns (bytes memory out) {
        out = bytes.concat(proof);
        out[40] ^= 0x01;
    }
}

/// Before the freeze nobody exits or takes back a pending deposit, even with a valid proof.
contract ExitBeforeFreezeTest is FrozenChain {
    function test_noExitWhileTheBridgeIsNotFrozen() public {
        F.Exit memory e = F.exits()[0];
        vm.expectRevert(SettlementCustody.NotFrozen.selector);
        exitWith(e);
        vm.expectRevert(SettlementCustody.NotFrozen.selector);
        bridge.refundPendingDeposit(pendingIndex, D.depositRecord(77, 3e6, LATE), 1, 2);
    }
}

/// The exit is proven against the last root: had the bridge frozen one batch earlier, the same
/// proof names another root than the bridge holds.
contract EarlierFreezeTest is SettlementSetUp {
    function test_anExitProvenForALaterRootIsRejectedOnAnEarlierOne() public {
        queueAll();
        submit(1);
        submit(2);
        bridge.forceWithdrawal(5, 0, 1e6, address(0xA11CE), 1, 2, 3);
        vm.warp(block.timestamp + EXIT_DEADLINE + 1);
        bridge.freeze();
        F.Exit memory e = F.exits()[0];
        vm.expectRevert(
            abi.encodeWithSelector(
                SettlementCustody.WrongExitRoot.selector, F.batch(2).newRoot, F.batch(3).newRoot
            )
        );
        bridge.exit(e.data, e.commitment, e.proof);
    }
}

/// The exit verifier is a verifier like the settlement one: a proof it rejects, or too little gas
/// for it, is refused.
contract ExitVerifierGasTest is FrozenChain {
    function test_tooLittleGasForTheExitVerifierIsNotAnInvalidProof() public {
        freezeNow();
        F.Exit memory e = F.exits()[0];
        uint256 needed = uint256(VERIFY_GAS) * 64 / 63 + 10_000;
        vm.expectPartialRevert(BridgeRoles.InsufficientGas.selector);
        bridge.exit{gas: needed}(e.data, e.commitment, e.proof);
        assertFalse(bridge.exited(e.account));
    }
}
