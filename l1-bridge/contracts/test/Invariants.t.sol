// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {SettlementBridge} from "../src/SettlementBridge.sol";
import {PublicData} from "../src/PublicData.sol";
import {SettlementData as D} from "../src/SettlementData.sol";
import {TestCollateral} from "../src/devnet/TestCollateral.sol";
import {SettlementSetUp} from "./SettlementSetUp.sol";
import {SettlementFixture as F} from "./fixtures/SettlementFixture.sol";
import {ProofInputs, RegisteredProofsVerifier} from "./SyntheticBatches.sol";

/// Drives the bridge through random sequences: more deposits, the fixture's real batches in order,
/// one by one or two under one aggregate proof, replays and reorderings of them, forged copies,
/// claims and pauses; forced withdrawal requests (which the fixture's circuit never serves), time
/// passing, freezes, the fixture's real exits (valid once the last batch is accepted and the bridge
/// frozen), repeated exits and refunds of the deposits no batch consumed. Ghost variables keep what
/// the bridge must hold.
contract ChainHandler is Test {
    bytes internal constant AGGREGATE_PROOF = "aggregate proof";

    SettlementBridge internal immutable bridge;
    TestCollateral internal immutable token;
    address internal immutable operator;
    address internal immutable guardian;
    uint256 internal immutable deadline;

    /// The next fixture batch.
    uint256 public next = 1;
    /// Tokens deposited into, and claimed from, the bridge.
    uint256 public deposited;
    uint256 public claimed;
    /// Amounts queued and not consumed by an accepted batch.
    uint256 public pending;
    /// What the rollup holds for its accounts: credited deposits minus withdrawals and exits.
    uint256 public heldByAccounts;
    /// A replayed, reordered or forged batch the bridge accepted: must stay 0.
    uint256 public wronglyAccepted;
    /// A batch the bridge accepted while frozen: must stay 0.
    uint256 public acceptedWhileFrozen;
    /// Exits the bridge paid, per fixture exit; and second payments of one (must stay 0).
    mapping(uint256 => uint256) public exitsPaid;
    uint256 public paidTwice;
    /// Every address the bridge can credit.
    address[] public claimants;

    /// The handler's own deposits (no fixture batch consumes them).
    struct Queued {
        uint256 index;
        uint256 record;
        uint256 amount;
        bool refunded;
    }

    Queued[] internal queued;

    constructor(SettlementBridge bridge_, address operator_, address guardian_) {
        bridge = bridge_;
        token = TestCollateral(address(bridge_.token()));
        operator = operator_;
        guardian = guardian_;
        deadline = bridge_.exitDeadline();
        for (uint256 k = 0; k < 5; k++) {
            claimants.push(vm.addr(0x1000 + k)); // depositors, refunded on a frozen bridge
        }
        for (uint256 i = 0; i < F.exits().length; i++) {
            addClaimant(F.exits()[i].recipient);
        }
        for (uint256 n = 1; n <= F.BATCHES; n++) {
            F.Batch memory b = F.batch(n);
            for (uint256 i = 0; i < b.withdrawals.length; i++) {
                addClaimant(b.withdrawals[i].to);
            }
            for (uint256 i = 0; i < b.refunds.length; i++) {
                addClaimant(b.refunds[i].to);
            }
        }
    }

    function addClaimant(address a) internal {
        for (uint256 i = 0; i < claimants.length; i++) {
            if (claimants[i] == a) return;
        }
        claimants.push(a);
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
        if (bridge.frozen()) return;
        token.mint(sender, amount);
        vm.startPrank(sender);
        token.approve(address(bridge), amount);
        uint256 index = bridge.deposit(account, 1, 2, amount);
        vm.stopPrank();
        queued.push(Queued(index, D.depositRecord(account, amount, sender), amount, false));
        deposited += amount;
        pending += amount;
    }

    function submitNext() external {
        if (next > F.BATCHES || bridge.paused()) return;
        F.Batch memory b = F.batch(next);
        if (bridge.frozen()) {
            try this.submitAsOperator(b.publicData, b.commitment, b.proof) {
                acceptedWhileFrozen++;
            } catch {}
            return;
        }
        vm.prank(operator);
        bridge.submitBatch(b.publicData, b.commitment, b.proof);
        recordAccepted(b);
    }

    /// The next two fixture batches under one aggregate proof (submitBatches).
    function submitNextPair() external {
        if (next + 1 > F.BATCHES || bridge.paused()) return;
        (uint256[] memory d, uint256 c) = pair(next);
        if (bridge.frozen()) {
            try this.submitPairAsOperator(d, c) {
                acceptedWhileFrozen++;
            } catch {}
            return;
        }
        vm.prank(operator);
        bridge.submitBatches(d, c, AGGREGATE_PROOF);
        uint256 first = next;
        recordAccepted(F.batch(first));
        recordAccepted(F.batch(first + 1));
    }

    /// Any pair of consecutive fixture batches but the next one, as it is: a replay or a
    /// reordering of an aggregate.
    function replayPair(uint256 which) external {
        uint256 n = bound(which, 1, F.BATCHES - 1);
        if (n == next) return;
        (uint256[] memory d, uint256 c) = pair(n);
        try this.submitPairAsOperator(d, c) {
            wronglyAccepted++;
        } catch {}
    }

    /// The next pair with one element changed (still a field element).
    function forgeNextPair(uint256 index, uint256 delta) external {
        if (next + 1 > F.BATCHES) return;
        (uint256[] memory d, uint256 c) = pair(next);
        index = bound(index, 0, d.length - 1);
        delta = bound(delta, 1, PublicData.R - 1);
        d[index] = addmod(d[index], delta, PublicData.R);
        try this.submitPairAsOperator(d, c) {
            wronglyAccepted++;
        } catch {}
    }

    function submitPairAsOperator(uint256[] calldata d, uint256 c) external {
        vm.prank(operator);
        bridge.submitBatches(d, c, AGGREGATE_PROOF);
    }

    /// Batches n and n + 1 of the fixture as one aggregate's data, and a commitment to it.
    function pair(uint256 n) public pure returns (uint256[] memory d, uint256 c) {
        uint256[] memory first = F.batch(n).publicData;
        uint256[] memory second = F.batch(n + 1).publicData;
        d = new uint256[](first.length + second.length);
        for (uint256 i = 0; i < first.length; i++) {
            d[i] = first[i];
            d[first.length + i] = second[i];
        }
        c = uint256(keccak256(abi.encode("aggregate", n))) % PublicData.R;
    }

    /// Registers each honest pair's aggregate proof with `v`: the only aggregates it accepts.
    function registerPairs(RegisteredProofsVerifier v) external {
        for (uint256 n = 1; n < F.BATCHES; n++) {
            (uint256[] memory d, uint256 c) = pair(n);
            v.register(AGGREGATE_PROOF, ProofInputs.forData(c, d));
        }
    }

    /// The ghost variables after fixture batch b is accepted; `next` moves past it.
    function recordAccepted(F.Batch memory b) internal {
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

    /// A request the fixture's circuit cannot serve: it makes the bridge freezable later.
    function forceRequest(uint256 account) external {
        if (bridge.frozen()) return;
        bridge.forceWithdrawal(account % (1 << 24), 0, 1e6, address(0xA11CE), 1, 2, 3);
    }

    function wait(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 0, 2 * deadline));
    }

    /// Mostly once the fixture's last batch is in (so that its exits are valid), one time in
    /// four earlier (then no exit proof fits the frozen root).
    function freeze(uint256 early) external {
        if (next <= F.BATCHES && early % 4 != 0) return;
        try bridge.freeze() {} catch {}
    }

    /// One of the fixture's exits (again, if it was paid already).
    function exit(uint256 which) external {
        uint256 i = which % F.exits().length;
        F.Exit memory e = F.exits()[i];
        try bridge.exit(e.data, e.commitment, e.proof) {
            if (exitsPaid[i] > 0) paidTwice++;
            exitsPaid[i]++;
            heldByAccounts -= e.amount;
        } catch {}
    }

    /// The refund of one of the handler's deposits (again, if it was refunded already).
    function refundPending(uint256 which) external {
        if (queued.length == 0) return;
        Queued storage q = queued[which % queued.length];
        try bridge.refundPendingDeposit(q.index, q.record, 1, 2) {
            if (q.refunded) paidTwice++;
            q.refunded = true;
            pending -= q.amount;
        } catch {}
    }

    /// What the last accepted root owes its accounts: once the fixture's last batch is accepted,
    /// the equity of every account that has not exited (each fixture exit's amount).
    function owedByRoot() external view returns (uint256 owed) {
        if (next <= F.BATCHES) return heldByAccounts;
        for (uint256 i = 0; i < F.exits().length; i++) {
            if (exitsPaid[i] == 0) owed += F.exits()[i].amount;
        }
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
        // Aggregates of two consecutive fixture batches: the verifier accepts the honest pairs'
        // proofs only, as a sound aggregate circuit's would.
        RegisteredProofsVerifier aggregate = new RegisteredProofsVerifier("aggregate");
        handler.registerPairs(aggregate);
        vm.prank(address(timelock));
        bridge.setAggregateVerifier(aggregate, 2);
        targetContract(address(handler));
        bytes4[] memory actions = new bytes4[](15);
        actions[0] = ChainHandler.deposit.selector;
        actions[1] = ChainHandler.submitNext.selector;
        actions[2] = ChainHandler.replay.selector;
        actions[3] = ChainHandler.forgeNext.selector;
        actions[4] = ChainHandler.claim.selector;
        actions[5] = ChainHandler.setPaused.selector;
        actions[6] = ChainHandler.forceRequest.selector;
        actions[7] = ChainHandler.wait.selector;
        actions[8] = ChainHandler.freeze.selector;
        actions[9] = ChainHandler.exit.selector;
        actions[10] = ChainHandler.refundPending.selector;
        actions[11] = ChainHandler.submitNext.selector; // twice: the chain gets to its end more often
        actions[12] = ChainHandler.submitNextPair.selector;
        actions[13] = ChainHandler.replayPair.selector;
        actions[14] = ChainHandler.forgeNextPair.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: actions}));
    }

    /// The handler's aggregate is accepted (so the runs above exercise it, not only its refusal):
    /// the fixture's first two batches, real data, under one proof; the bridge then holds batch
    /// 2's root, and the real batch 3 follows one by one.
    function test_theHandlersAggregateOfTheFixturesBatchesIsAccepted() public {
        handler.replayPair(2);
        handler.submitNextPair();
        assertEq(bridge.batchCount(), 2);
        assertEq(bridge.stateRoot(), F.batch(2).newRoot);
        handler.replayPair(1);
        handler.submitNext();
        assertEq(bridge.stateRoot(), F.batch(3).newRoot);
        assertEq(handler.wronglyAccepted(), 0);
        invariant_theBridgeHoldsEverythingItOwes();
        invariant_onlyTheNextBatchIsAccepted();
    }

    function claimable() internal view returns (uint256 sum) {
        for (uint256 i = 0; i < handler.claimantCount(); i++) {
            sum += bridge.claimable(handler.claimants(i));
        }
    }

    /// The bridge holds exactly what came in minus what was claimed, and that is every credited
    /// withdrawal, refund and exit not yet claimed, every deposit not consumed or refunded, and
    /// what the rollup holds for its accounts, which covers what the last root owes them.
    /// forge-config: default.invariant.runs = 32
    /// forge-config: default.invariant.depth = 40
    function invariant_theBridgeHoldsEverythingItOwes() public view {
        uint256 balance = token.balanceOf(address(bridge));
        assertEq(balance, handler.deposited() - handler.claimed());
        assertEq(balance, claimable() + handler.pending() + handler.heldByAccounts());
        assertGe(handler.heldByAccounts(), handler.owedByRoot());
    }

    /// Once frozen, the bridge accepts no batch: its root stays the one the exits are proven
    /// against.
    /// forge-config: default.invariant.runs = 32
    /// forge-config: default.invariant.depth = 40
    function invariant_aFrozenBridgeAcceptsNoBatch() public view {
        assertEq(handler.acceptedWhileFrozen(), 0);
    }

    /// No exit and no refund of a pending deposit is paid twice; an account is marked exited
    /// exactly when its exit was paid.
    /// forge-config: default.invariant.runs = 32
    /// forge-config: default.invariant.depth = 40
    function invariant_noExitPaysTwice() public view {
        assertEq(handler.paidTwice(), 0);
        for (uint256 i = 0; i < F.exits().length; i++) {
            assertLe(handler.exitsPaid(i), 1);
            assertEq(bridge.exited(F.exits()[i].account), handler.exitsPaid(i) == 1);
        }
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
