// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Vm} from "forge-std/Test.sol";
import {BlobData} from "../src/BlobData.sol";
import {BridgeRoles} from "../src/BridgeRoles.sol";
import {IVerifier} from "../src/IVerifier.sol";
import {PublicData} from "../src/PublicData.sol";
import {SettlementBridge} from "../src/SettlementBridge.sol";
import {SettlementBlobBridge} from "../src/SettlementBlobBridge.sol";
import {SettlementCustody} from "../src/SettlementCustody.sol";
import {SettlementData as D} from "../src/SettlementData.sol";
import {
    AcceptingVerifier,
    ProofInputs,
    RegisteredProofsVerifier,
    SyntheticBatches
} from "./SyntheticBatches.sol";
import {SettlementBlobSetUp} from "./SettlementBlobSetUp.sol";
import {AggregateFixtureSetUp} from "./AggregateFixtureSetUp.sol";
import {AggregateFixture as A} from "./fixtures/AggregateFixture.sol";
import {SettlementBlobFixture as B} from "./fixtures/SettlementBlobFixture.sol";

/// Builds consecutive synthetic batches (deposits consumed, refunded, withdrawals, market rows and
/// forced requests served, drawn from a seed) on a bridge with an aggregate verifier installed.
abstract contract AggregateSetUp is SyntheticBatches {
    /// Deposit slots, withdrawal slots, market rows, no steps, one request slot, no owner rows.
    uint256 internal constant DEPOSIT_SLOTS = 2;
    uint256 internal constant QUEUED = 12;
    uint256 internal constant REQUESTS = 6;

    function setUpBridge(IVerifier single, IVerifier aggregated, uint256 k) internal {
        deploySynthetic(D.Layout(DEPOSIT_SLOTS, 2, 2, 0, 1, 0, false));
        if (address(single) != address(0)) {
            vm.prank(address(bridge.governance()));
            bridge.setVerifier(single, shape);
        }
        installAggregate(aggregated, k);
        for (uint256 i = 0; i < QUEUED; i++) {
            queueRecord(recordOf(i));
        }
        for (uint256 i = 0; i < REQUESTS; i++) {
            register(requestOf(i));
        }
    }

    function installAggregate(IVerifier v, uint256 k) internal {
        vm.prank(address(bridge.governance()));
        bridge.setAggregateVerifier(v, k);
    }

    function recordOf(uint256 i) internal pure returns (Record memory) {
        uint256 h = uint256(keccak256(abi.encode("deposit", i)));
        return Record(vm.addr(0xD000 + i % 3), i + 1, h >> 3, h >> 4, 1e6 + i);
    }

    function requestOf(uint256 i) internal pure returns (Request memory) {
        uint256 h = uint256(keccak256(abi.encode("request", i)));
        return Request(i + 1, 0, 1e6, vm.addr(0xC000 + i % 2), h >> 3, h >> 4, h >> 8);
    }

    function recipient(uint256 i) internal pure returns (address) {
        return vm.addr(0xA000 + i);
    }

    /// The next batch from the bridge's state, its contents drawn from `seed`.
    function segment(uint256 seed) internal view returns (uint256[] memory d) {
        d = nextBatch();
        uint256 h = uint256(keccak256(abi.encode(seed, bridge.batchCount())));
        d[D.BATCH_TIME] = bridge.lastBatchTime() + h % 1000;
        d[D.NEW_ROOT] = (h >> 3) % PublicData.R;
        uint256 start = bridge.depositsConsumed();
        uint256 count = (h >> 10) % (DEPOSIT_SLOTS + 1);
        if (count > bridge.depositsQueued() - start) count = bridge.depositsQueued() - start;
        d[D.DEPOSIT_COUNT] = count;
        for (uint256 i = 0; i < count; i++) {
            putDeposit(d, i, recordOf(start + i));
        }
        setRefundBits(d, (h >> 12) % 2 ** count);
        for (uint256 j = 0; j < (h >> 14) % 3; j++) {
            putWithdrawal(d, j, recipient((h >> (16 + j)) % 4), 1 + (h >> 20) % 1e9);
        }
        d[D.marketsAt(shape)] = ((h >> 64) % 2 ** 60) << 80 | (h >> 62) % 2;
        uint256 served = bridge.requestsServed();
        uint256 n = (h >> 130) % 2;
        if (served == bridge.requestsQueued()) n = 0;
        serving(d, n);
        if (n == 1) putRequest(d, 0, requestOf(served), (h >> 140) % 1e6);
    }

    /// k consecutive batches from the current state (built by submitting them one by one, the
    /// settlement verifier made to accept, then undone).
    function chain(uint256 k, uint256 seed) internal returns (uint256[][] memory ds) {
        uint256 snap = vm.snapshotState();
        vm.mockCall(
            address(bridge.verifier()), abi.encodeWithSelector(IVerifier.verifyProof.selector), ""
        );
        ds = new uint256[][](k);
        for (uint256 i = 0; i < k; i++) {
            ds[i] = segment(seed);
            submitSynthetic(ds[i]);
        }
        vm.clearMockedCalls();
        vm.revertToState(snap);
    }

    function concat(uint256[][] memory ds) internal pure returns (uint256[] memory all) {
        uint256 n = ds[0].length;
        all = new uint256[](n * ds.length);
        for (uint256 i = 0; i < ds.length; i++) {
            for (uint256 e = 0; e < n; e++) {
                all[i * n + e] = ds[i][e];
            }
        }
    }

    function submitAggregate(uint256[] memory all, uint256 c, bytes memory proof) internal {
        vm.prank(OPERATOR);
        bridge.submitBatches(all, c, proof);
    }

    function expectAggregateRejected(uint256[] memory all, bytes memory reason) internal {
        vm.expectRevert(reason);
        submitAggregate(all, 0, "");
    }
}

/// One proof for k consecutive batches (SettlementBridge.submitBatches): each segment is checked
/// and accepted as if submitted alone, in order, and the aggregate verifier is called once for the
/// whole data; every chaining rule is attacked across segments.
contract AggregateTest is AggregateSetUp {
    uint256 internal constant K = 3;

    function setUp() public {
        setUpBridge(IVerifier(address(0)), new AcceptingVerifier(), K);
    }

    /// What a batch changes on the bridge, for comparing two ways of getting there.
    struct State {
        uint256 root;
        uint256 batches;
        uint256 time;
        uint256 consumed;
        uint256 served;
        uint256[10] claimable;
        uint256[2] markets;
    }

    function state() internal view returns (State memory s) {
        s.root = bridge.stateRoot();
        s.batches = bridge.batchCount();
        s.time = bridge.lastBatchTime();
        s.consumed = bridge.depositsConsumed();
        s.served = bridge.requestsServed();
        for (uint256 i = 0; i < 4; i++) {
            s.claimable[i] = bridge.claimable(recipient(i));
        }
        for (uint256 i = 0; i < 3; i++) {
            s.claimable[4 + i] = bridge.claimable(recordOf(i).sender);
        }
        for (uint256 i = 0; i < 2; i++) {
            s.claimable[7 + i] = bridge.claimable(requestOf(i).recipient);
            s.markets[i] = bridge.marketRow(i);
        }
    }

    /// k batches (1 to 5) through one aggregate leave the bridge exactly as the same batches
    /// submitted one by one, with the same events in the same order.
    function testFuzz_segmentsAreAcceptedAsIfSubmittedOneByOne(uint256 seed, uint256 k) public {
        k = bound(k, 1, 5);
        if (k != K) installAggregate(new AcceptingVerifier(), k);
        uint256[][] memory ds = chain(k, seed);
        uint256 snap = vm.snapshotState();
        vm.recordLogs();
        for (uint256 i = 0; i < k; i++) {
            submitSynthetic(ds[i]);
        }
        Vm.Log[] memory alone = vm.getRecordedLogs();
        State memory expected = state();
        vm.revertToState(snap);

        vm.recordLogs();
        submitAggregate(concat(ds), 7, "aggregate");
        Vm.Log[] memory together = vm.getRecordedLogs();
        assertEq(abi.encode(state()), abi.encode(expected), "state");
        assertEq(together.length, alone.length, "event count");
        for (uint256 i = 0; i < alone.length; i++) {
            assertEq(together[i].emitter, alone[i].emitter);
            assertEq(together[i].topics, alone[i].topics);
            assertEq(together[i].data, alone[i].data);
        }
        assertEq(bridge.batchCount(), k);
    }

    /// The fuzz above on a seed whose batches consume deposits, refund one, pay withdrawals and
    /// serve a request: each kind of effect is exercised (asserted here, so a change of the
    /// generator cannot make the test vacuous).
    function test_aChainWithEveryEffectIsAcceptedAsIfOneByOne() public {
        uint256 seed = richSeed();
        testFuzz_segmentsAreAcceptedAsIfSubmittedOneByOne(seed, K);
        assertGt(bridge.depositsConsumed(), 0);
        assertGt(bridge.requestsServed(), 0);
        assertGt(bridge.claimable(recipient(0)) + bridge.claimable(recipient(1)), 0);
    }

    /// The first seed whose chain consumes a deposit, refunds one, pays and serves a request.
    function richSeed() internal returns (uint256 seed) {
        for (seed = 0;; seed++) {
            uint256[][] memory ds = chain(K, seed);
            bool refund;
            bool paid;
            bool request;
            for (uint256 i = 0; i < K; i++) {
                refund = refund || ds[i][D.refundBitsAt(shape)] != 0;
                paid = paid || ds[i][D.withdrawalsAt(shape)] != 0;
                request = request || ds[i][D.requestsAt(shape) + 1] != 0;
            }
            if (refund && paid && request) return seed;
        }
    }

    /// The aggregate verifier is called once, for (C, z, y) of the whole D, with the proof given.
    function test_theAggregateVerifierIsCalledOnceForTheWholeData() public {
        uint256[] memory all = concat(chain(K, 1));
        uint256[3] memory input = ProofInputs.forData(7, all);
        vm.expectCall(
            address(bridge.aggregateVerifier()),
            abi.encodeCall(IVerifier.verifyProof, (bytes("aggregate"), input)),
            1
        );
        submitAggregate(all, 7, "aggregate");
    }

    function test_refusesSegmentsOutOfOrder() public {
        uint256[][] memory ds = chain(K, 2);
        (ds[0], ds[1]) = (ds[1], ds[0]);
        expectAggregateRejected(
            concat(ds), abi.encodeWithSelector(SettlementBridge.WrongBatchNumber.selector, 1, 2)
        );
    }

    function test_refusesASegmentThatDoesNotStartFromThePreviousOnesRoot() public {
        uint256[][] memory ds = chain(K, 3);
        uint256 root1 = ds[0][D.NEW_ROOT];
        ds[1][D.OLD_ROOT] = root1 + 1;
        expectAggregateRejected(
            concat(ds),
            abi.encodeWithSelector(SettlementBridge.WrongOldRoot.selector, root1, root1 + 1)
        );
    }

    function test_refusesAWrongBatchNumberInTheSecondSegment() public {
        uint256[][] memory ds = chain(K, 4);
        ds[1][D.BATCH_NUMBER] = 3;
        expectAggregateRejected(
            concat(ds), abi.encodeWithSelector(SettlementBridge.WrongBatchNumber.selector, 2, 3)
        );
    }

    /// Segment 2's time before segment 1's.
    function test_refusesASegmentBeforeThePreviousOne() public {
        uint256[][] memory ds = chain(K, 5);
        ds[0][D.BATCH_TIME] = 1500;
        ds[1][D.BATCH_TIME] = 1499;
        expectAggregateRejected(
            concat(ds),
            abi.encodeWithSelector(SettlementBridge.BatchTimeBeforePrevious.selector, 1499, 1500)
        );
    }

    /// Segment 1 consumes deposit 0; segment 2 claims to start at 2 (skipping 1) or at 0 (again).
    function test_refusesDepositsSkippedOrRepeatedAcrossSegments() public {
        uint256[][] memory ds = segmentsConsumingOneDepositEach();
        uint256[] memory d2 = ds[1];
        d2[D.DEPOSIT_START] = 2;
        putDeposit(d2, 0, recordOf(2));
        expectAggregateRejected(
            concat(ds), abi.encodeWithSelector(SettlementBridge.WrongDepositStart.selector, 1, 2)
        );
        d2[D.DEPOSIT_START] = 0;
        putDeposit(d2, 0, recordOf(0));
        expectAggregateRejected(
            concat(ds), abi.encodeWithSelector(SettlementBridge.WrongDepositStart.selector, 1, 0)
        );
    }

    /// Segment 2 at the right start but listing another deposit's record.
    function test_refusesASegmentListingAnotherDepositsRecord() public {
        uint256[][] memory ds = segmentsConsumingOneDepositEach();
        putDeposit(ds[1], 0, recordOf(0));
        expectAggregateRejected(
            concat(ds),
            abi.encodeWithSelector(SettlementBridge.DepositRecordsMismatch.selector, 1, 1)
        );
    }

    function segmentsConsumingOneDepositEach() internal returns (uint256[][] memory ds) {
        uint256 snap = vm.snapshotState();
        ds = new uint256[][](K);
        for (uint256 i = 0; i < K; i++) {
            ds[i] = nextBatch();
            ds[i][D.DEPOSIT_COUNT] = 1;
            putDeposit(ds[i], 0, recordOf(i));
            submitSynthetic(ds[i]);
        }
        vm.revertToState(snap);
    }

    /// Segment 2 serves the request segment 1 served.
    function test_refusesARequestServedTwiceAcrossSegments() public {
        uint256 snap = vm.snapshotState();
        uint256[][] memory ds = new uint256[][](K);
        for (uint256 i = 0; i < K; i++) {
            ds[i] = nextBatch();
            serving(ds[i], 1);
            putRequest(ds[i], 0, requestOf(i), 5);
            submitSynthetic(ds[i]);
        }
        vm.revertToState(snap);
        ds[1][D.requestsAt(shape)] = 0;
        putRequest(ds[1], 0, requestOf(0), 5);
        expectAggregateRejected(
            concat(ds), abi.encodeWithSelector(SettlementBridge.WrongRequestStart.selector, 1, 0)
        );
    }

    /// D must be exactly k segments: one element short or over, one segment short or over.
    function test_refusesDataOfAnotherLengthThanKSegments() public {
        uint256[][] memory ds = chain(K + 1, 6);
        uint256 n = D.length(shape);
        uint256[] memory all = concat(ds);
        uint256[4] memory lengths = [K * n - 1, K * n + 1, (K - 1) * n, (K + 1) * n];
        for (uint256 i = 0; i < lengths.length; i++) {
            uint256[] memory cut = new uint256[](lengths[i]);
            for (uint256 e = 0; e < cut.length; e++) {
                cut[e] = all[e];
            }
            expectAggregateRejected(
                cut,
                abi.encodeWithSelector(
                    SettlementBridge.WrongPublicDataLength.selector, K * n, lengths[i]
                )
            );
        }
    }

    /// A k-segment verifier is never called with another number of segments: installing a k = 2
    /// one makes 3 segments the wrong length.
    function test_theSegmentCountIsTheInstalledVerifiersOwn() public {
        uint256[][] memory ds = chain(K, 7);
        installAggregate(new AcceptingVerifier(), 2);
        uint256 n = D.length(shape);
        expectAggregateRejected(
            concat(ds),
            abi.encodeWithSelector(SettlementBridge.WrongPublicDataLength.selector, 2 * n, K * n)
        );
        assertEq(bridge.aggregateSegments(), 2);
    }

    function test_anAcceptedAggregateCannotBeReplayed() public {
        uint256[] memory all = concat(chain(K, 8));
        submitAggregate(all, 7, "aggregate");
        vm.expectRevert(
            abi.encodeWithSelector(SettlementBridge.WrongBatchNumber.selector, K + 1, 1)
        );
        submitAggregate(all, 7, "aggregate");
        assertEq(bridge.batchCount(), K);
    }

    /// A failing segment reverts the segments before it: nothing of the aggregate is kept.
    function test_aRefusedSegmentUndoesTheOnesBefore() public {
        uint256[][] memory ds = chain(K, 9);
        ds[K - 1][D.CHAIN_ID] = 1;
        vm.expectRevert(
            abi.encodeWithSelector(SettlementBridge.WrongChainId.selector, block.chainid, 1)
        );
        submitAggregate(concat(ds), 7, "aggregate");
        assertEq(bridge.batchCount(), 0);
        assertEq(bridge.stateRoot(), 1);
        assertEq(bridge.depositsConsumed(), 0);
    }

    function test_aFrozenBridgeTakesNoAggregate() public {
        uint256[] memory all = concat(chain(K, 10));
        vm.warp(block.timestamp + EXIT_DEADLINE + 1);
        bridge.freeze();
        expectAggregateRejected(
            all, abi.encodeWithSelector(SettlementCustody.BridgeFrozen.selector)
        );
    }

    function test_onlyTheOperatorSubmitsAnAggregateAndNotWhilePaused() public {
        uint256[] memory all = concat(chain(K, 11));
        vm.expectRevert(abi.encodeWithSelector(BridgeRoles.NotOperator.selector, address(this)));
        bridge.submitBatches(all, 7, "aggregate");
        vm.prank(GUARDIAN);
        bridge.pause();
        expectAggregateRejected(all, abi.encodeWithSelector(BridgeRoles.BatchesPaused.selector));
        vm.prank(GUARDIAN);
        bridge.unpause();
        submitAggregate(all, 7, "aggregate");
        assertEq(bridge.batchCount(), K);
    }

    /// An element of D not below r is refused (it would alias another value in the proof).
    function test_refusesAnUnreducedElement() public {
        uint256[] memory all = concat(chain(K, 12));
        // Segment 2's second market row: no check of the bridge reads its range.
        uint256 at = D.length(shape) + D.marketsAt(shape) + 1;
        all[at] = PublicData.R;
        vm.expectRevert(abi.encodeWithSelector(PublicData.UnreducedElement.selector, at));
        submitAggregate(all, 7, "aggregate");
    }

    function test_refusesACommitmentNotInTheField() public {
        uint256[] memory all = concat(chain(K, 13));
        vm.expectRevert(
            abi.encodeWithSelector(SettlementCustody.CommitmentNotInField.selector, PublicData.R)
        );
        submitAggregate(all, PublicData.R, "aggregate");
    }
}

/// Which verifier each entry point calls, and governance's rules for the aggregate verifier.
contract AggregateVerifierTest is AggregateSetUp {
    RegisteredProofsVerifier internal single;
    RegisteredProofsVerifier internal aggregated;

    function setUp() public {
        single = new RegisteredProofsVerifier("single");
        aggregated = new RegisteredProofsVerifier("aggregate");
        setUpBridge(single, aggregated, 1);
    }

    /// With k = 1 the aggregate's data is one batch's, the public inputs identical: a proof made
    /// for the settlement verifier is refused by submitBatches, which asks the aggregate verifier,
    /// and an aggregate's proof is refused by submitBatch, which asks the settlement verifier.
    function test_eachEntryPointAsksItsOwnVerifier() public {
        uint256[] memory d = segment(1);
        uint256[3] memory input = ProofInputs.forData(7, d);
        single.register("single proof", input);
        aggregated.register("aggregate proof", input);

        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        submitAggregate(d, 7, "single proof");
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        vm.prank(OPERATOR);
        bridge.submitBatch(d, 7, "aggregate proof");

        uint256 snap = vm.snapshotState();
        vm.prank(OPERATOR);
        bridge.submitBatch(d, 7, "single proof");
        assertEq(bridge.batchCount(), 1);
        vm.revertToState(snap);
        submitAggregate(d, 7, "aggregate proof");
        assertEq(bridge.batchCount(), 1);
    }

    /// The aggregate verifier's proof holds for the honest D only: any element changed, in any
    /// segment, gives other public inputs and is refused.
    function testFuzz_anAggregateProofHoldsForItsDataOnly(uint256 index, uint256 delta) public {
        installAggregate(aggregated, 2);
        uint256[] memory all = concat(chain(2, 14));
        aggregated.register("aggregate proof", ProofInputs.forData(7, all));
        index = bound(index, 0, all.length - 1);
        delta = bound(delta, 1, PublicData.R - 1);
        uint256 snap = vm.snapshotState();
        submitAggregate(all, 7, "aggregate proof");
        assertEq(bridge.batchCount(), 2);
        vm.revertToState(snap);
        all[index] = addmod(all[index], delta, PublicData.R);
        // The header checks may catch the change first; if they do not, the proof must.
        vm.expectRevert();
        submitAggregate(all, 7, "aggregate proof");
        assertEq(bridge.batchCount(), 0);
    }

    /// The same, aimed at an element no check of the bridge reads (a withdrawal slot left unused):
    /// only the proof can refuse it.
    function test_aChangedElementOnlyTheProofCoversIsRefused() public {
        installAggregate(aggregated, 2);
        uint256[][] memory ds = chain(2, 15);
        uint256 last = D.withdrawalsAt(shape) + 1;
        ds[1][last] = 0;
        aggregated.register("aggregate proof", ProofInputs.forData(7, concat(ds)));
        ds[1][last] = 1;
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        submitAggregate(concat(ds), 7, "aggregate proof");
    }

    function test_withoutAnAggregateVerifierBatchesGoOneByOne() public {
        installAggregate(IVerifier(address(0)), 0);
        assertEq(address(bridge.aggregateVerifier()), address(0));
        assertEq(bridge.aggregateSegments(), 0);
        expectAggregateRejected(
            segment(1), abi.encodeWithSelector(SettlementBridge.NoAggregateVerifier.selector)
        );
    }

    /// A new settlement circuit removes the aggregate verifier: the inner key fixed in it is the
    /// old circuit's.
    function test_aNewSettlementVerifierRemovesTheAggregateOne() public {
        vm.expectEmit(true, true, false, true, address(bridge));
        emit SettlementBridge.AggregateVerifierChanged(address(aggregated), address(0), 0, 0);
        IVerifier next = new AcceptingVerifier();
        vm.prank(address(bridge.governance()));
        bridge.setVerifier(next, shape);
        assertEq(bridge.aggregateSegments(), 0);
        expectAggregateRejected(
            segment(1), abi.encodeWithSelector(SettlementBridge.NoAggregateVerifier.selector)
        );
    }

    function test_onlyGovernanceInstallsAnAggregateVerifier() public {
        IVerifier next = new AcceptingVerifier();
        vm.expectRevert(abi.encodeWithSelector(BridgeRoles.NotGovernance.selector, OPERATOR));
        vm.prank(OPERATOR);
        bridge.setAggregateVerifier(next, 2);
        assertEq(address(bridge.aggregateVerifier()), address(aggregated));
    }

    function test_governanceInstallsAVerifierWithItsSegmentCount() public {
        IVerifier next = new AcceptingVerifier();
        vm.expectEmit(true, true, false, true, address(bridge));
        emit SettlementBridge.AggregateVerifierChanged(
            address(aggregated), address(next), next.verifyingKeyHash(), 4
        );
        installAggregate(next, 4);
        assertEq(address(bridge.aggregateVerifier()), address(next));
        assertEq(bridge.aggregateSegments(), 4);
    }

    function test_refusesASegmentCountNoAggregateHas() public {
        IVerifier next = new AcceptingVerifier();
        address governance = address(bridge.governance());
        uint256[3] memory counts = [uint256(0), 256, 2 ** 200];
        for (uint256 i = 0; i < counts.length; i++) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    SettlementBridge.AggregateSegmentsOutOfRange.selector, address(next), counts[i]
                )
            );
            vm.prank(governance);
            bridge.setAggregateVerifier(next, counts[i]);
        }
        vm.expectRevert(
            abi.encodeWithSelector(
                SettlementBridge.AggregateSegmentsOutOfRange.selector, address(0), 2
            )
        );
        vm.prank(governance);
        bridge.setAggregateVerifier(IVerifier(address(0)), 2);
        vm.expectRevert(abi.encodeWithSelector(BridgeRoles.NotAContract.selector, address(0xBAD)));
        vm.prank(governance);
        bridge.setAggregateVerifier(IVerifier(address(0xBAD)), 2);
        assertEq(bridge.aggregateSegments(), 1);
    }
}

/// The blob bridge's aggregate (SettlementBlobBridge.submitBlobBatches) on the TinyOwnerBlob
/// chain's real batches 1 and 2, each with its real blob: each segment's blob is opened against
/// the transaction's blobs in order (segment 2's after segment 1's) by the point-evaluation
/// precompile, and the aggregate verifier (accepting the honest D's proof only) is called once.
contract AggregateBlobTest is SettlementBlobSetUp {
    bytes internal constant PROOF = "aggregate proof";
    uint256 internal constant C = 7;

    SettlementBlobBridge internal blobBridge;

    function setUp() public override {
        super.setUp();
        deployBlobBridge();
        blobBridge = SettlementBlobBridge(address(bridge));
        RegisteredProofsVerifier aggregated = new RegisteredProofsVerifier("aggregate");
        aggregated.register(PROOF, ProofInputs.forData(C, data()));
        vm.prank(address(bridge.governance()));
        bridge.setAggregateVerifier(aggregated, 2);
    }

    /// Batches 1 and 2's public data, concatenated.
    function data() internal pure returns (uint256[] memory d) {
        uint256[] memory first = B.batch(1).publicData;
        uint256[] memory second = B.batch(2).publicData;
        d = new uint256[](first.length + second.length);
        for (uint256 i = 0; i < first.length; i++) {
            d[i] = first[i];
            d[first.length + i] = second[i];
        }
    }

    /// Both batches' openings, batch 1's first.
    function openings() internal pure returns (SettlementBlobBridge.Blob memory) {
        return SettlementBlobBridge.Blob(
            0,
            bytes.concat(B.batch(1).blobCommitment, B.batch(2).blobCommitment),
            bytes.concat(B.batch(1).blobProof, B.batch(2).blobProof)
        );
    }

    function carrying(bytes32 first, bytes32 second) internal {
        bytes32[] memory hashes = new bytes32[](2);
        hashes[0] = first;
        hashes[1] = second;
        vm.blobhashes(hashes);
    }

    function submitBoth(SettlementBlobBridge.Blob memory blob) internal {
        vm.prank(OPERATOR);
        blobBridge.submitBlobBatches(data(), C, PROOF, blob);
    }

    function test_acceptsTwoBatchesWithTheirBlobsUnderOneProof() public {
        carrying(versionedHash(1), versionedHash(2));
        vm.expectEmit(address(bridge));
        emit SettlementBlobBridge.OwnerDataBlob(1, versionedHash(1));
        vm.expectEmit(address(bridge));
        emit SettlementBlobBridge.OwnerDataBlob(2, versionedHash(2));
        submitBoth(openings());
        assertEq(bridge.batchCount(), 2);
        assertEq(bridge.stateRoot(), B.batch(2).newRoot);
        assertEq(bridge.claimable(B.batch(2).withdrawals[0].to), B.batch(2).withdrawals[0].amount);
        // Batch 3 follows alone, with its real proof.
        B.Batch memory b = B.batch(3);
        carry(versionedHash(3));
        vm.prank(OPERATOR);
        blobBridge.submitBlobBatch(b.publicData, b.commitment, b.proof, opening(3));
        assertEq(bridge.stateRoot(), b.newRoot);
    }

    /// The transaction's blobs swapped: segment 1's section names blob 0, which is batch 2's.
    function test_refusesTheBlobsInAnotherOrder() public {
        carrying(versionedHash(2), versionedHash(1));
        vm.expectPartialRevert(BlobData.BlobOpeningRefused.selector);
        submitBoth(openings());
    }

    /// Both blobs carried, the openings swapped: batch 1's blob under batch 2's commitment.
    function test_refusesTheOpeningsInAnotherOrder() public {
        carrying(versionedHash(1), versionedHash(2));
        SettlementBlobBridge.Blob memory blob = openings();
        blob.commitment = bytes.concat(B.batch(2).blobCommitment, B.batch(1).blobCommitment);
        blob.proof = bytes.concat(B.batch(2).blobProof, B.batch(1).blobProof);
        vm.expectPartialRevert(BlobData.BlobOpeningRefused.selector);
        submitBoth(blob);
    }

    function test_refusesOpeningsForOneBatchOnly() public {
        carrying(versionedHash(1), versionedHash(2));
        vm.expectRevert(
            abi.encodeWithSelector(SettlementBlobBridge.WrongOpeningsLength.selector, 2, 48, 48)
        );
        submitBoth(opening(1));
    }

    function test_refusesAMissingSecondBlob() public {
        carry(versionedHash(1));
        vm.expectRevert(abi.encodeWithSelector(BlobData.NoBlob.selector, 1));
        submitBoth(openings());
    }

    function test_refusesABlobAfterTheLastSegments() public {
        bytes32[] memory hashes = new bytes32[](3);
        hashes[0] = versionedHash(1);
        hashes[1] = versionedHash(2);
        hashes[2] = versionedHash(3);
        vm.blobhashes(hashes);
        vm.expectRevert(abi.encodeWithSelector(SettlementBlobBridge.ExtraBlob.selector, 2));
        submitBoth(openings());
    }

    /// Segment 2 in the second and third blobs: the first blob is batch 1's only if the index
    /// says so.
    function test_theFirstBlobIsWhereTheIndexSays() public {
        bytes32[] memory hashes = new bytes32[](3);
        hashes[0] = versionedHash(3);
        hashes[1] = versionedHash(1);
        hashes[2] = versionedHash(2);
        vm.blobhashes(hashes);
        SettlementBlobBridge.Blob memory blob = openings();
        blob.index = 1;
        submitBoth(blob);
        assertEq(bridge.batchCount(), 2);
    }

    /// A proof the aggregate verifier was not given for this D: segment 2's withdrawal changed
    /// (credited by the bridge, checked by no rule of its own) is refused by the proof.
    function test_refusesDataTheAggregateProofDoesNotCover() public {
        carrying(versionedHash(1), versionedHash(2));
        uint256[] memory d = data();
        d[B.batch(1).publicData.length + D.marketsAt(blobLayout()) - 1] += 1;
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        vm.prank(OPERATOR);
        blobBridge.submitBlobBatches(d, C, PROOF, openings());
    }

    /// What a blob batch changes on the bridge (roots, counts, time, queues, the withdrawal's
    /// and the refund's credit, the market rows).
    function stateDigest() internal view returns (bytes32) {
        return keccak256(
            abi.encode(
                bridge.stateRoot(),
                bridge.batchCount(),
                bridge.lastBatchTime(),
                bridge.depositsConsumed(),
                bridge.requestsServed(),
                bridge.claimable(B.batch(2).withdrawals[0].to),
                bridge.claimable(B.batch(2).refunds[0].to),
                bridge.marketRow(0),
                bridge.marketRow(1)
            )
        );
    }

    /// A refused proof, through either blob entry point, leaves the bridge as it was (the
    /// aggregate's effects revert; submitBlobBatch checks it before its effects: it logs nothing): the aggregate of batches 1 and 2 with a
    /// proof its verifier was not given, and batch 1 alone with batch 2's real proof.
    function test_aRefusedProofLeavesNoStateChange() public {
        bytes32 before = stateDigest();
        carrying(versionedHash(1), versionedHash(2));
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        vm.prank(OPERATOR);
        blobBridge.submitBlobBatches(data(), C, "another proof", openings());
        assertEq(stateDigest(), before);
        B.Batch memory b = B.batch(1);
        carry(versionedHash(1));
        vm.recordLogs();
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        vm.prank(OPERATOR);
        blobBridge.submitBlobBatch(b.publicData, b.commitment, B.batch(2).proof, opening(1));
        assertEq(vm.getRecordedLogs().length, 0);
        assertEq(stateDigest(), before);
        carrying(versionedHash(1), versionedHash(2));
        submitBoth(openings());
        assertTrue(stateDigest() != before);
    }

    /// The blob bridge's batches carry blobs: the calldata aggregate entry point is refused.
    function test_refusesTheCalldataAggregate() public {
        vm.expectRevert(SettlementBlobBridge.BlobBatchesOnly.selector);
        vm.prank(OPERATOR);
        bridge.submitBatches(data(), C, PROOF);
    }
}

/// agg15's real aggregate proof of the fixture chain's batches 1 and 2, through the bridge.
contract AggregateBridgeProofTest is AggregateFixtureSetUp {
    function submitAggregate(uint256[] memory d, uint256 c, bytes memory proof) internal {
        vm.prank(OPERATOR);
        bridge.submitBatches(d, c, proof);
    }

    /// The real aggregate is accepted for the fixture's first two batches (the aggregate verifier
    /// called once, for the (C, Z, Y) Go derived); batch 3 then follows alone with its real proof.
    function test_acceptsTheRealAggregateOfTwoBatches() public {
        assertEq(bridge.aggregateVerifier().verifyingKeyHash(), A.AGG_VK_HASH);
        uint256[3] memory input = [A.AGG_COMMITMENT, A.AGG_CHALLENGE, A.AGG_EVALUATION];
        vm.expectCall(
            address(bridge.aggregateVerifier()),
            abi.encodeCall(IVerifier.verifyProof, (A.AGG_PROOF, input)),
            1
        );
        submitAggregate(A.aggregateData(), A.AGG_COMMITMENT, A.AGG_PROOF);
        assertEq(bridge.batchCount(), 2);
        assertEq(bridge.stateRoot(), A.batch(2).newRoot);
        assertEq(bridge.claimable(A.batch(2).withdrawals[0].to), A.batch(2).withdrawals[0].amount);
        A.Batch memory b = A.batch(3);
        vm.prank(OPERATOR);
        bridge.submitBatch(b.publicData, b.commitment, b.proof);
        assertEq(bridge.stateRoot(), b.newRoot);
    }

    /// One element of D changed where no rule of the bridge looks (segment 2's withdrawal, then
    /// segment 1's market row): the real aggregate proof is refused; the honest D then passes.
    function test_refusesTheRealAggregateForChangedData() public {
        uint256 n = A.SEGMENT_LENGTH;
        D.Layout memory l =
            D.Layout(A.DEPOSIT_SLOTS, A.WITHDRAWAL_SLOTS, A.MARKET_ROWS, 0, 0, 0, false);
        uint256[2] memory changed = [n + D.withdrawalsAt(l), D.marketsAt(l)];
        for (uint256 i = 0; i < changed.length; i++) {
            uint256[] memory d = A.aggregateData();
            d[changed[i]] ^= 1 << 100;
            vm.expectRevert(BridgeRoles.InvalidProof.selector);
            submitAggregate(d, A.AGG_COMMITMENT, A.AGG_PROOF);
        }
        submitAggregate(A.aggregateData(), A.AGG_COMMITMENT, A.AGG_PROOF);
        assertEq(bridge.batchCount(), 2);
    }

    /// Segment 1's new root and segment 2's old root changed together (the chain still holds for
    /// the bridge): the proof is refused. And the segments swapped: the bridge refuses the order.
    function test_refusesAnotherChainOfRootsAndAnotherOrder() public {
        uint256 n = A.SEGMENT_LENGTH;
        uint256[] memory d = A.aggregateData();
        d[D.NEW_ROOT] = 12345;
        d[n + D.OLD_ROOT] = 12345;
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        submitAggregate(d, A.AGG_COMMITMENT, A.AGG_PROOF);
        d = A.aggregateData();
        for (uint256 j = 0; j < n; j++) {
            (d[j], d[n + j]) = (d[n + j], d[j]);
        }
        vm.expectRevert(abi.encodeWithSelector(SettlementBridge.WrongBatchNumber.selector, 1, 2));
        submitAggregate(d, A.AGG_COMMITMENT, A.AGG_PROOF);
    }

    /// An inner batch's proof is no aggregate's and the aggregate's no batch's: submitBatch takes
    /// one batch's length only, and refuses the aggregate's proof for batch 1's data; with k = 1,
    /// submitBatches refuses batch 1's own proof for its own data and inputs.
    function test_eachEntryPointRefusesTheOthersRealProof() public {
        A.Batch memory b = A.batch(1);
        uint256 n = A.SEGMENT_LENGTH;
        vm.expectRevert(
            abi.encodeWithSelector(SettlementBridge.WrongPublicDataLength.selector, n, 2 * n)
        );
        vm.prank(OPERATOR);
        bridge.submitBatch(A.aggregateData(), A.AGG_COMMITMENT, A.AGG_PROOF);
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        vm.prank(OPERATOR);
        bridge.submitBatch(b.publicData, A.AGG_COMMITMENT, A.AGG_PROOF);
        IVerifier aggregate = bridge.aggregateVerifier();
        vm.prank(address(bridge.governance()));
        bridge.setAggregateVerifier(aggregate, 1);
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        submitAggregate(b.publicData, b.commitment, b.proof);
        vm.prank(OPERATOR);
        bridge.submitBatch(b.publicData, b.commitment, b.proof);
        assertEq(bridge.batchCount(), 1);
    }

    /// The aggregate replayed after it was accepted.
    function test_theRealAggregateCannotBeReplayed() public {
        submitAggregate(A.aggregateData(), A.AGG_COMMITMENT, A.AGG_PROOF);
        vm.expectRevert(abi.encodeWithSelector(SettlementBridge.WrongBatchNumber.selector, 3, 1));
        submitAggregate(A.aggregateData(), A.AGG_COMMITMENT, A.AGG_PROOF);
    }
}
