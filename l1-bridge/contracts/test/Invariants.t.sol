// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {SettlementBridge} from "../src/SettlementBridge.sol";
import {PublicData} from "../src/PublicData.sol";
import {SettlementData as D} from "../src/SettlementData.sol";
import {TestCollateral} from "../src/devnet/TestCollateral.sol";
import {SettlementSetUp} from "./SettlementSetUp.sol";
import {SettlementFixture as F} from "./fixtures/SettlementFixture.sol";

/// Drives the bridge through random sequences: more deposits, the fixture's real batches in order,
/// replays and reorderings of them, forged copies, claims and pauses. Ghost variables keep what
/// the bridge must hold.
contract ChainHandler is Test {
    SettlementBridge internal immutable bridge;
    TestCollateral internal immutable token;
    address internal immutable operator;
    address internal immutable guardian;

    /// The next fixture batch.
    uint256 public next = 1;
    /// Tokens deposited into, and claimed from, the bridge.
    uint256 public deposited;
    uint256 public claimed;
    /// Amounts queued and not consumed by an accepted batch.
    uint256 public pending;
    /// What the rollup's accounts hold: credited deposits minus withdrawals.
    uint256 public heldByAccounts;
    /// A replayed, reordered or forged batch the bridge accepted: must stay 0.
    uint256 public wronglyAccepted;
    /// Every address a batch can credit.
    address[] public claimants;

    constructor(SettlementBridge bridge_, address operator_, address guardian_) {
        bridge = bridge_;
        token = TestCollateral(address(bridge_.token()));
        operator = operator_;
        guardian = guardian_;
        for (uint256 n = 1; n <= F.BATCHES; n++) {
            F.Batch memory b = F.batch(n);
            for (uint256 i = 0; i < b.withdrawals.length; i++) {
                claimants.push(b.withdrawals[i].to);
            }
            for (uint256 i = 0; i < b.refunds.length; i++) {
                claimants.push(b.refunds[i].to);
            }
        }
    }

    function claimantCount() external view returns (uint256) {
        return claimants.length;
    }

    /// Called once the fixture's deposits are queued (by the test's setUp).
    function recordFixtureDeposits() external {
        for (uint256 i = 0; i < F.deposits().length; i++) {
            deposited += F.deposits()[i].amount;
            pending += F.deposits()[i].amount;
        }
    }

    /// A deposit queued behind the fixture's (no fixture batch consumes it).
    function deposit(uint256 actor, uint256 account, uint256 amount) external {
        address sender = vm.addr(0x1000 + actor % 5);
        account = bound(account, 0, bridge.ACCOUNT_LIMIT() - 1);
        amount = bound(amount, 1, 1e15);
        token.mint(sender, amount);
        vm.startPrank(sender);
        token.approve(address(bridge), amount);
        bridge.deposit(account, 1, 2, amount);
        vm.stopPrank();
        deposited += amount;
        pending += amount;
    }

    function submitNext() external {
        if (next > F.BATCHES || bridge.paused()) return;
        F.Batch memory b = F.batch(next);
        vm.prank(operator);
        bridge.submitBatch(b.publicData, b.commitment, b.proof);
        uint256 start = b.publicData[D.DEPOSIT_START];
        uint256 refundBits = b.publicData[D.HEADER + 3 * F.DEPOSIT_SLOTS];
        for (uint256 i = 0; i < b.publicData[D.DEPOSIT_COUNT]; i++) {
            uint256 amount = F.deposits()[start + i].amount;
            pending -= amount;
            if ((refundBits >> i) & 1 == 0) heldByAccounts += amount;
        }
        for (uint256 i = 0; i < b.withdrawals.length; i++) {
            heldByAccounts -= b.withdrawals[i].amount;
        }
        next++;
    }

    /// Any fixture batch but the next one, as it is: a replay or a reordering.
    function replay(uint256 which) external {
        uint256 n = bound(which, 1, F.BATCHES);
        if (n == next) return;
        F.Batch memory b = F.batch(n);
        try this.submitAsOperator(b.publicData, b.commitment, b.proof) {
            wronglyAccepted++;
        } catch {}
    }

    /// The next batch with one element changed (still a field element).
    function forgeNext(uint256 index, uint256 delta) external {
        if (next > F.BATCHES) return;
        F.Batch memory b = F.batch(next);
        index = bound(index, 0, b.publicData.length - 1);
        delta = bound(delta, 1, PublicData.R - 1);
        b.publicData[index] = addmod(b.publicData[index], delta, PublicData.R);
        try this.submitAsOperator(b.publicData, b.commitment, b.proof) {
            wronglyAccepted++;
        } catch {}
    }

    function submitAsOperator(uint256[] calldata d, uint256 c, bytes calldata proof) external {
        vm.prank(operator);
        bridge.submitBatch(d, c, proof);
    }

    function claim(uint256 who) external {
        address recipient = claimants[who % claimants.length];
        uint256 amount = bridge.claimable(recipient);
        if (amount == 0) return;
        bridge.claim(recipient);
        claimed += amount;
    }

    function setPaused(bool on) external {
        vm.prank(guardian);
        if (on) bridge.pause();
        else bridge.unpause();
    }
}

/// What must hold after any sequence of the handler's actions.
contract SettlementInvariantTest is SettlementSetUp {
    ChainHandler internal handler;

    function setUp() public override {
        super.setUp();
        queueAll();
        handler = new ChainHandler(bridge, OPERATOR, GUARDIAN);
        handler.recordFixtureDeposits();
        targetContract(address(handler));
        bytes4[] memory actions = new bytes4[](6);
        actions[0] = ChainHandler.deposit.selector;
        actions[1] = ChainHandler.submitNext.selector;
        actions[2] = ChainHandler.replay.selector;
        actions[3] = ChainHandler.forgeNext.selector;
        actions[4] = ChainHandler.claim.selector;
        actions[5] = ChainHandler.setPaused.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: actions}));
    }

    function claimable() internal view returns (uint256 sum) {
        for (uint256 i = 0; i < handler.claimantCount(); i++) {
            sum += bridge.claimable(handler.claimants(i));
        }
    }

    /// The bridge holds exactly what came in minus what was claimed, and that covers every
    /// credited withdrawal and refund not yet claimed, every deposit not yet consumed, and what the
    /// rollup's accounts hold.
    /// forge-config: default.invariant.runs = 32
    /// forge-config: default.invariant.depth = 40
    function invariant_theBridgeHoldsEverythingItOwes() public view {
        uint256 balance = token.balanceOf(address(bridge));
        assertEq(balance, handler.deposited() - handler.claimed());
        assertEq(balance, claimable() + handler.pending() + handler.heldByAccounts());
    }

    /// No replayed, reordered or forged batch is ever accepted; the bridge is where the fixture's
    /// accepted batches put it.
    /// forge-config: default.invariant.runs = 32
    /// forge-config: default.invariant.depth = 40
    function invariant_onlyTheNextBatchIsAccepted() public view {
        assertEq(handler.wronglyAccepted(), 0);
        uint256 accepted = handler.next() - 1;
        assertEq(bridge.batchCount(), accepted);
        assertEq(bridge.stateRoot(), accepted == 0 ? F.GENESIS_ROOT : F.batch(accepted).newRoot);
        assertLe(bridge.depositsConsumed(), bridge.depositsQueued());
    }
}
