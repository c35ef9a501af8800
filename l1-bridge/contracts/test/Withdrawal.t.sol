// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SettlementBridge} from "../src/SettlementBridge.sol";
import {SettlementCustody} from "../src/SettlementCustody.sol";
import {SettlementSetUp} from "./SettlementSetUp.sol";
import {SyntheticBatches} from "./SyntheticBatches.sol";
import {SettlementData as D} from "../src/SettlementData.sol";
import {SettlementFixture as F} from "./fixtures/SettlementFixture.sol";

/// Withdrawals and refunds: credited by accepted batches, claimed once, to their recipient.
contract WithdrawalTest is SettlementSetUp {
    function setUp() public override {
        super.setUp();
        queueAll();
        for (uint256 n = 1; n <= F.BATCHES; n++) {
            submit(n);
        }
    }

    function credits() internal pure returns (F.Credit[3] memory c) {
        c[0] = F.batch(2).withdrawals[0];
        c[1] = F.batch(2).refunds[0];
        c[2] = F.batch(3).withdrawals[0];
    }

    function test_eachRecipientClaimsWhatItWasCredited() public {
        F.Credit[3] memory c = credits();
        for (uint256 i = 0; i < c.length; i++) {
            vm.expectEmit(true, false, false, true, address(bridge));
            emit SettlementCustody.Claimed(c[i].to, c[i].amount);
            vm.prank(c[i].to);
            assertEq(bridge.claim(c[i].to), c[i].amount);
            assertEq(token.balanceOf(c[i].to), c[i].amount);
            assertEq(bridge.claimable(c[i].to), 0);
        }
    }

    /// What stays is exactly what the rollup's accounts hold: credited deposits minus withdrawals.
    function test_theBridgeKeepsWhatTheAccountsHold() public {
        F.Credit[3] memory c = credits();
        for (uint256 i = 0; i < c.length; i++) {
            bridge.claim(c[i].to);
        }
        uint256 credited = 100_000_000 + 80_000_000 + 20_000_000;
        uint256 withdrawn = c[0].amount + c[2].amount;
        assertEq(token.balanceOf(address(bridge)), credited - withdrawn);
    }

    function test_aClaimPaysOnce() public {
        address to = credits()[0].to;
        bridge.claim(to);
        vm.expectRevert(abi.encodeWithSelector(SettlementCustody.NothingToClaim.selector, to));
        bridge.claim(to);
        assertEq(token.balanceOf(to), credits()[0].amount);
    }

    function test_anyoneMayClaimButOnlyTheRecipientIsPaid() public {
        F.Credit memory c = credits()[2];
        address stranger = address(0x5712A);
        vm.prank(stranger);
        bridge.claim(c.to);
        assertEq(token.balanceOf(stranger), 0);
        assertEq(token.balanceOf(c.to), c.amount);
    }

    function test_claimsGoOnWhileBatchesArePaused() public {
        vm.prank(GUARDIAN);
        bridge.pause();
        bridge.claim(credits()[1].to);
        assertEq(token.balanceOf(credits()[1].to), credits()[1].amount);
    }

    function test_nothingToClaimForAnAddressNeverCredited() public {
        vm.expectRevert(
            abi.encodeWithSelector(SettlementCustody.NothingToClaim.selector, address(0xBEEF))
        );
        bridge.claim(address(0xBEEF));
    }
}

/// A token that calls back into the bridge while the bridge moves its tokens.
contract ReentrantToken is ERC20 {
    address internal target;
    bytes internal attack;

    constructor() ERC20("Reentrant", "RE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// The next transfer out of or into `bridge` first makes `call` to it.
    function arm(address bridge, bytes calldata call) external {
        target = bridge;
        attack = call;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (target != address(0) && (from == target || to == target)) {
            address bridge = target;
            target = address(0);
            (bool ok, bytes memory reason) = bridge.call(attack);
            if (!ok) {
                assembly {
                    revert(add(reason, 32), mload(reason))
                }
            }
        }
        super._update(from, to, value);
    }
}

/// The bridge on a token that re-enters it: the guard refuses every nested call.
contract ReentrantTokenTest is SettlementSetUp {
    ReentrantToken internal evil;

    function collateral() internal override returns (IERC20) {
        evil = new ReentrantToken();
        return IERC20(address(evil));
    }

    function setUp() public override {
        super.setUp();
        queueAll();
        submit(1);
        submit(2);
    }

    function test_aClaimCannotBeReentered() public {
        address to = F.batch(2).withdrawals[0].to;
        uint256 amount = bridge.claimable(to);
        evil.arm(address(bridge), abi.encodeCall(SettlementCustody.claim, (to)));
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        bridge.claim(to);
        assertEq(bridge.claimable(to), amount);
        assertEq(evil.balanceOf(to), 0);
        // Disarmed (the revert undid the token's own disarming too), the claim pays once.
        evil.arm(address(0), "");
        bridge.claim(to);
        assertEq(evil.balanceOf(to), amount);
    }

    function test_aDepositCannotReenterAClaim() public {
        address to = F.batch(2).refunds[0].to;
        address sender = address(0xA11CE);
        evil.mint(sender, 1000);
        vm.prank(sender);
        evil.approve(address(bridge), 1000);
        evil.arm(address(bridge), abi.encodeCall(SettlementCustody.claim, (to)));
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        vm.prank(sender);
        bridge.deposit(1, 1, 2, 1000);
        assertEq(bridge.depositsQueued(), F.deposits().length);
    }
}

/// Withdrawal amounts and recipients under fuzzing, on the accepting verifier: each credit is
/// exactly the listed amount, repeated recipients add up, and claims pay out exactly.
contract WithdrawalFuzzTest is SyntheticBatches {
    uint256 internal constant SLOTS = 4;

    function setUp() public {
        deploySynthetic(D.Layout(1, SLOTS, 1, 0, 0, 0, false));
    }

    function testFuzz_creditsAndClaimsAreExact(
        uint256[SLOTS] memory amounts,
        uint8[SLOTS] memory who
    ) public {
        address[3] memory recipients = [address(0xA), address(0xB), address(0xC)];
        uint256[3] memory owed;
        uint256 total;
        uint256[] memory d = nextBatch();
        for (uint256 j = 0; j < SLOTS; j++) {
            uint256 amount = bound(amounts[j], 1, bridge.AMOUNT_LIMIT() - 1);
            uint256 to = who[j] % 3;
            putWithdrawal(d, j, recipients[to], amount);
            owed[to] += amount;
            total += amount;
        }
        // The accounts hold enough: what the circuit would have checked.
        token.mint(address(bridge), total);
        submitSynthetic(d);
        for (uint256 i = 0; i < 3; i++) {
            assertEq(bridge.claimable(recipients[i]), owed[i]);
            if (owed[i] > 0) bridge.claim(recipients[i]);
            assertEq(token.balanceOf(recipients[i]), owed[i]);
        }
        assertEq(token.balanceOf(address(bridge)), 0);
    }

    /// Used slots come first: a withdrawal after an unused slot is never credited.
    function testFuzz_creditsStopAtTheFirstUnusedSlot(uint256 used, uint256 amount) public {
        uint256 n = bound(used, 0, SLOTS - 1);
        amount = bound(amount, 1, bridge.AMOUNT_LIMIT() - 1);
        uint256[] memory d = nextBatch();
        for (uint256 j = 0; j < n; j++) {
            putWithdrawal(d, j, vm.addr(0x100 + j), amount);
        }
        putWithdrawal(d, SLOTS - 1, address(0xFFF), amount);
        if (n < SLOTS - 1) d[D.withdrawalsAt(shape) + n] = 0;
        submitSynthetic(d);
        for (uint256 j = 0; j < n; j++) {
            assertEq(bridge.claimable(vm.addr(0x100 + j)), amount);
        }
        assertEq(bridge.claimable(address(0xFFF)), n == SLOTS - 1 ? amount : 0);
    }
}
