// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Vm} from "forge-std/Test.sol";
import {BridgeRoles} from "../src/BridgeRoles.sol";
import {IVerifier} from "../src/IVerifier.sol";
import {SettlementBridge} from "../src/SettlementBridge.sol";
import {SettlementData as D} from "../src/SettlementData.sol";
import {AggregateFixtureSetUp} from "./AggregateFixtureSetUp.sol";
import {TransactionGas} from "./Gas.t.sol";
import {PublicDataHarness} from "./SettlementProof.t.sol";
import {AggregateFixture as A} from "./fixtures/AggregateFixture.sol";
import {AggregateVerifier} from "./fixtures/AggregateVerifier.sol";
import {TreeFixture as T} from "./fixtures/TreeFixture.sol";
import {TreeVerifier} from "./fixtures/TreeVerifier.sol";

/// The real tree of aggregates (`scripts/gen-fixtures.sh -only tree`, docs/aggregation.md "A
/// tree"): batches 1 and 2 of the fixture chain, each in a k = 1 inner aggregate proof, and the
/// upper level's proof over those two (TreeVerifier). On the bridge of AggregateFixtureSetUp, with
/// the flat k = 2 aggregate's verifier kept as `flat` and the tree's installed for 2 segments.
abstract contract TreeSetUp is AggregateFixtureSetUp {
    IVerifier internal flat;
    IVerifier internal tree;

    function setUp() public virtual override {
        super.setUp();
        flat = bridge.aggregateVerifier();
        tree = IVerifier(address(new TreeVerifier()));
        install(tree, A.K);
    }

    function install(IVerifier v, uint256 segments) internal {
        vm.prank(address(bridge.governance()));
        bridge.setAggregateVerifier(v, segments);
    }

    function submit(uint256[] memory d, uint256 c, bytes memory proof) internal {
        vm.prank(OPERATOR);
        bridge.submitBatches(d, c, proof);
    }

    /// The fixture chain's batches `from` .. `to`, concatenated.
    function batches(uint256 from, uint256 to) internal pure returns (uint256[] memory d) {
        d = new uint256[]((to - from + 1) * A.SEGMENT_LENGTH);
        for (uint256 i = from; i <= to; i++) {
            uint256[] memory segment = A.batch(i).publicData;
            for (uint256 j = 0; j < A.SEGMENT_LENGTH; j++) {
                d[(i - from) * A.SEGMENT_LENGTH + j] = segment[j];
            }
        }
    }
}

contract AggregateTreeTest is TreeSetUp {
    /// The tree covers the flat aggregate's batches: the same D, C, Z and Y, Z and Y as the bridge
    /// derives them; only the keys differ.
    function test_theTreeHasTheFlatAggregatesDataAndInputs() public {
        uint256[] memory d = T.aggregateData();
        assertEq(T.K * T.SEGMENT_LENGTH, A.K * A.SEGMENT_LENGTH);
        assertEq(keccak256(abi.encode(d)), keccak256(abi.encode(A.aggregateData())));
        assertEq(keccak256(abi.encode(d)), keccak256(abi.encode(batches(1, 2))));
        assertEq(T.AGG_COMMITMENT, A.AGG_COMMITMENT);
        (uint256 z, uint256 y) = new PublicDataHarness().bind(T.AGG_COMMITMENT, d);
        assertEq(z, T.AGG_CHALLENGE);
        assertEq(y, T.AGG_EVALUATION);
        assertEq(T.AGG_CHALLENGE, A.AGG_CHALLENGE);
        assertEq(T.AGG_EVALUATION, A.AGG_EVALUATION);
        assertEq(tree.verifyingKeyHash(), T.AGG_VK_HASH);
        assertTrue(T.AGG_VK_HASH != A.AGG_VK_HASH);
    }

    /// The bridge takes the tree's proof for batches 1 and 2 exactly as the flat aggregate's: the
    /// same root, count, credits and events (the tree's verifier called once, for the (C, Z, Y)
    /// Go derived); batch 3 then follows alone with its real proof.
    function test_acceptsTheTreeProofAsTheFlatAggregate() public {
        uint256 snap = vm.snapshotState();
        install(flat, A.K);
        vm.recordLogs();
        submit(A.aggregateData(), A.AGG_COMMITMENT, A.AGG_PROOF);
        bytes32 flatEvents = keccak256(abi.encode(vm.getRecordedLogs()));
        vm.revertToState(snap);

        uint256[3] memory input = [T.AGG_COMMITMENT, T.AGG_CHALLENGE, T.AGG_EVALUATION];
        vm.expectCall(address(tree), abi.encodeCall(IVerifier.verifyProof, (T.AGG_PROOF, input)), 1);
        vm.recordLogs();
        submit(T.aggregateData(), T.AGG_COMMITMENT, T.AGG_PROOF);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertGt(logs.length, 0);
        assertEq(keccak256(abi.encode(logs)), flatEvents, "the tree's events are not the flat's");
        assertEq(bridge.batchCount(), 2);
        assertEq(bridge.stateRoot(), A.batch(2).newRoot);
        assertEq(bridge.claimable(A.batch(2).withdrawals[0].to), A.batch(2).withdrawals[0].amount);
        A.Batch memory b = A.batch(3);
        vm.prank(OPERATOR);
        bridge.submitBatch(b.publicData, b.commitment, b.proof);
        assertEq(bridge.stateRoot(), b.newRoot);
    }

    /// One element of segment 2 changed (its withdrawal), then of segment 1 (its market row), where
    /// no rule of the bridge looks; the bridge derives Z and Y for the changed D: the tree's proof
    /// is refused, by the bridge and by the verifier alone. The honest D then passes.
    function test_refusesTheTreeProofForAChangedSegment() public {
        uint256 n = A.SEGMENT_LENGTH;
        D.Layout memory l =
            D.Layout(A.DEPOSIT_SLOTS, A.WITHDRAWAL_SLOTS, A.MARKET_ROWS, 0, 0, 0, false);
        uint256[2] memory changed = [n + D.withdrawalsAt(l), D.marketsAt(l)];
        PublicDataHarness harness = new PublicDataHarness();
        for (uint256 i = 0; i < changed.length; i++) {
            uint256[] memory d = T.aggregateData();
            d[changed[i]] ^= 1 << 100;
            vm.expectRevert(BridgeRoles.InvalidProof.selector);
            submit(d, T.AGG_COMMITMENT, T.AGG_PROOF);
            (uint256 z, uint256 y) = harness.bind(T.AGG_COMMITMENT, d);
            vm.expectRevert(TreeVerifier.ProofInvalid.selector);
            tree.verifyProof(T.AGG_PROOF, [T.AGG_COMMITMENT, z, y]);
        }
        submit(T.aggregateData(), T.AGG_COMMITMENT, T.AGG_PROOF);
        assertEq(bridge.batchCount(), 2);
    }

    /// Both proofs are for the same (C, Z, Y): each verifier takes only its own key's proof, alone
    /// and through the bridge.
    function test_eachVerifierTakesOnlyItsOwnKeysProof() public {
        uint256[3] memory input = [A.AGG_COMMITMENT, A.AGG_CHALLENGE, A.AGG_EVALUATION];
        tree.verifyProof(T.AGG_PROOF, input);
        flat.verifyProof(A.AGG_PROOF, input);
        vm.expectRevert();
        tree.verifyProof(A.AGG_PROOF, input);
        vm.expectRevert();
        flat.verifyProof(T.AGG_PROOF, input);

        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        submit(A.aggregateData(), A.AGG_COMMITMENT, A.AGG_PROOF);
        install(flat, A.K);
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        submit(T.aggregateData(), T.AGG_COMMITMENT, T.AGG_PROOF);
        submit(A.aggregateData(), A.AGG_COMMITMENT, A.AGG_PROOF);
        assertEq(bridge.batchCount(), 2);
    }

    /// The tree's verifier installed for 1 or 3 segments: its D is the wrong length, and the
    /// proof is refused for batch 1 alone and for batches 1 to 3.
    function test_theTreeVerifierInstalledForAnotherCountIsRefused() public {
        uint256 n = A.SEGMENT_LENGTH;
        install(tree, 1);
        vm.expectRevert(
            abi.encodeWithSelector(SettlementBridge.WrongPublicDataLength.selector, n, 2 * n)
        );
        submit(T.aggregateData(), T.AGG_COMMITMENT, T.AGG_PROOF);
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        submit(batches(1, 1), T.AGG_COMMITMENT, T.AGG_PROOF);

        install(tree, 3);
        vm.expectRevert(
            abi.encodeWithSelector(SettlementBridge.WrongPublicDataLength.selector, 3 * n, 2 * n)
        );
        submit(T.aggregateData(), T.AGG_COMMITMENT, T.AGG_PROOF);
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        submit(batches(1, 3), T.AGG_COMMITMENT, T.AGG_PROOF);
        assertEq(bridge.batchCount(), 0);
    }

    /// The tree's proof replayed after it was accepted.
    function test_theTreeProofCannotBeReplayed() public {
        submit(T.aggregateData(), T.AGG_COMMITMENT, T.AGG_PROOF);
        vm.expectRevert(abi.encodeWithSelector(SettlementBridge.WrongBatchNumber.selector, 3, 1));
        submit(T.aggregateData(), T.AGG_COMMITMENT, T.AGG_PROOF);
        assertEq(bridge.batchCount(), 2);
    }
}

/// The tree's L1 gas beside the flat k = 2 aggregate's, for the same data from the same state: the
/// whole submitBatches transaction and the verifier's call alone.
/// forge-config: default.isolate = true
contract AggregateTreeGasTest is TreeSetUp, TransactionGas {
    function submission(bytes memory proof) internal pure returns (bytes memory) {
        return abi.encodeCall(
            SettlementBridge.submitBatches, (A.aggregateData(), A.AGG_COMMITMENT, proof)
        );
    }

    function test_gasOfTheTreeBesideTheFlatAggregate() public {
        uint256 snap = vm.snapshotState();
        uint256 treeGas = transact(address(bridge), OPERATOR, submission(T.AGG_PROOF));
        vm.revertToState(snap);
        install(flat, A.K);
        uint256 flatGas = transact(address(bridge), OPERATOR, submission(A.AGG_PROOF));
        record("tree (m = 2 over k = 1) of batches 1 and 2 (transaction)", treeGas);
        record("flat k = 2 aggregate of batches 1 and 2 (transaction)", flatGas);
        uint256[3] memory input = [A.AGG_COMMITMENT, A.AGG_CHALLENGE, A.AGG_EVALUATION];
        tree.verifyProof(T.AGG_PROOF, input);
        record("the tree verifier's call, batches 1 and 2", vm.lastCallGas().gasTotalUsed);
        flat.verifyProof(A.AGG_PROOF, input);
        record("the flat aggregate verifier's call, batches 1 and 2", vm.lastCallGas().gasTotalUsed);
    }
}
