// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SettlementBridge} from "../src/SettlementBridge.sol";
import {SettlementCustody} from "../src/SettlementCustody.sol";
import {BridgeRoles} from "../src/BridgeRoles.sol";
import {PublicData} from "../src/PublicData.sol";
import {SettlementData as D} from "../src/SettlementData.sol";
import {SettlementSetUp} from "./SettlementSetUp.sol";
import {SyntheticBatches} from "./SyntheticBatches.sol";
import {SettlementFixture as F} from "./fixtures/SettlementFixture.sol";

/// Settlement batches: the fixture's chain of real proofs is accepted in order, and every header
/// rule, the deposit queue and the binding of the data to the proof are attacked one at a time.
contract BatchTest is SettlementSetUp {
    function setUp() public override {
        super.setUp();
        queueAll();
    }

    function test_acceptsTheChainInOrder() public {
        uint256 consumed = 0;
        for (uint256 n = 1; n <= F.BATCHES; n++) {
            F.Batch memory b = F.batch(n);
            consumed += b.publicData[D.DEPOSIT_COUNT];
            uint256[] memory markets = new uint256[](1);
            markets[0] = b.publicData[b.publicData.length - 1];
            vm.expectEmit(true, false, false, true, address(bridge));
            emit SettlementBridge.BatchSubmitted(n, b.oldRoot, b.newRoot, b.time, consumed, markets);
            submit(n);
            assertEq(bridge.stateRoot(), b.newRoot);
            assertEq(bridge.batchCount(), n);
            assertEq(bridge.lastBatchTime(), b.time);
            assertEq(bridge.depositsConsumed(), consumed);
        }
        assertEq(bridge.depositsConsumed(), bridge.depositsQueued());
    }

    /// The bridge credits exactly the payments Go says the batches make.
    function test_creditsTheWithdrawalsAndRefundsGoListed() public {
        submit(1);
        F.Batch memory b = F.batch(2);
        vm.expectEmit(true, true, false, true, address(bridge));
        emit SettlementCustody.DepositRefunded(2, b.refunds[0].to, b.refunds[0].amount);
        vm.expectEmit(true, true, false, true, address(bridge));
        emit SettlementBridge.WithdrawalCredited(2, b.withdrawals[0].to, b.withdrawals[0].amount);
        submit(2);
        submit(3);
        for (uint256 n = 1; n <= F.BATCHES; n++) {
            b = F.batch(n);
            for (uint256 i = 0; i < b.withdrawals.length; i++) {
                assertEq(bridge.claimable(b.withdrawals[i].to), b.withdrawals[i].amount);
            }
            for (uint256 i = 0; i < b.refunds.length; i++) {
                assertEq(bridge.claimable(b.refunds[i].to), b.refunds[i].amount);
            }
        }
    }

    function test_rejectsAnotherChainsBatch() public {
        vm.chainId(1);
        expectRejected(
            1,
            publicData(1),
            abi.encodeWithSelector(SettlementBridge.WrongChainId.selector, 1, F.CHAIN_ID)
        );
    }

    /// The same proof posted to another bridge (another deployment, same keys).
    function test_rejectsAnotherBridgesBatch() public {
        SettlementBridge other = newBridge(IERC20(address(token)));
        F.Batch memory b = F.batch(1);
        vm.expectRevert(
            abi.encodeWithSelector(
                SettlementBridge.WrongBridge.selector, address(other), uint256(uint160(F.BRIDGE))
            )
        );
        vm.prank(OPERATOR);
        other.submitBatch(b.publicData, b.commitment, b.proof);
    }

    function test_rejectsABatchOutOfOrder() public {
        expectRejected(
            2,
            publicData(2),
            abi.encodeWithSelector(SettlementBridge.WrongBatchNumber.selector, 1, 2)
        );
        submit(1);
        expectRejected(
            3,
            publicData(3),
            abi.encodeWithSelector(SettlementBridge.WrongBatchNumber.selector, 2, 3)
        );
    }

    /// The batch number is checked before anything else of the data: a replay says so.
    function test_anAcceptedBatchCannotBeReplayed() public {
        submit(1);
        submit(2);
        expectRejected(
            2,
            publicData(2),
            abi.encodeWithSelector(SettlementBridge.WrongBatchNumber.selector, 3, 2)
        );
        expectRejected(
            1,
            publicData(1),
            abi.encodeWithSelector(SettlementBridge.WrongBatchNumber.selector, 3, 1)
        );
        assertEq(bridge.batchCount(), 2);
    }

    /// Renumbered, an accepted batch meets the root check; the proof would not hold either.
    function test_rejectsAWrongOldRoot() public {
        submit(1);
        uint256[] memory d = publicData(1);
        d[D.BATCH_NUMBER] = 2;
        expectRejected(
            1,
            d,
            abi.encodeWithSelector(
                SettlementBridge.WrongOldRoot.selector, F.batch(1).newRoot, F.GENESIS_ROOT
            )
        );
    }

    function test_rejectsABatchFromTheFuture() public {
        // batch times are milliseconds, L1's clock seconds: the batch's second must have begun
        uint256 second = F.batch(1).time / 1000;
        vm.warp(second - 1);
        expectRejected(
            1,
            publicData(1),
            abi.encodeWithSelector(
                SettlementBridge.BatchTimeInFuture.selector, F.batch(1).time, second - 1
            )
        );
        vm.warp(second);
        submit(1);
    }

    function test_rejectsABatchBeforeThePreviousOne() public {
        submit(1);
        uint256[] memory d = publicData(2);
        d[D.BATCH_TIME] = F.batch(1).time - 1;
        expectRejected(
            2,
            d,
            abi.encodeWithSelector(
                SettlementBridge.BatchTimeBeforePrevious.selector,
                F.batch(1).time - 1,
                F.batch(1).time
            )
        );
    }

    function test_rejectsAWrongDepositStart() public {
        submit(1);
        uint256[] memory d = publicData(2);
        d[D.DEPOSIT_START] = 1;
        expectRejected(
            2, d, abi.encodeWithSelector(SettlementBridge.WrongDepositStart.selector, 2, 1)
        );
    }

    /// Batch 2 consumes one deposit; claiming it consumed none leaves the queue's entry behind.
    function test_rejectsASkippedDeposit() public {
        submit(1);
        uint256[] memory d = publicData(2);
        d[D.DEPOSIT_COUNT] = 0;
        d[D.HEADER] = d[D.HEADER + 1] = d[D.HEADER + 2] = 0;
        d[D.HEADER + 3 * F.DEPOSIT_SLOTS] = 0; // no refund bits either
        expectRejected(2, d, abi.encodeWithSelector(BridgeRoles.InvalidProof.selector));
        // Nor can the next batch start after it.
        d = publicData(3);
        d[D.BATCH_NUMBER] = 2;
        d[D.OLD_ROOT] = F.batch(1).newRoot;
        d[D.DEPOSIT_START] = 3;
        expectRejected(
            3, d, abi.encodeWithSelector(SettlementBridge.WrongDepositStart.selector, 2, 3)
        );
    }

    /// A different record than the queue's (here: the amount raised) is refused before the proof.
    function test_rejectsAForgedDepositRecord() public {
        uint256[] memory d = publicData(1);
        d[D.HEADER] += 1 << 24;
        expectRejected(
            1, d, abi.encodeWithSelector(SettlementBridge.DepositRecordsMismatch.selector, 0, 2)
        );
    }

    /// The queue's first two deposits listed the other way round.
    function test_rejectsReorderedDeposits() public {
        uint256[] memory d = publicData(1);
        for (uint256 i = 0; i < 3; i++) {
            (d[D.HEADER + i], d[D.HEADER + 3 + i]) = (d[D.HEADER + 3 + i], d[D.HEADER + i]);
        }
        expectRejected(
            1, d, abi.encodeWithSelector(SettlementBridge.DepositRecordsMismatch.selector, 0, 2)
        );
    }

    function test_rejectsMoreDepositsThanSlots() public {
        uint256[] memory d = publicData(1);
        d[D.DEPOSIT_COUNT] = F.DEPOSIT_SLOTS + 1;
        expectRejected(
            1,
            d,
            abi.encodeWithSelector(
                SettlementBridge.TooManyDeposits.selector, F.DEPOSIT_SLOTS + 1, F.DEPOSIT_SLOTS
            )
        );
    }

    /// Each element the bridge does not check itself is bound by the proof: changing any one of
    /// them (a refund bit, the withdrawal, the market row, the new root) fails verification.
    function test_rejectsDataTheProofDoesNotCover() public {
        submit(1);
        uint256[] memory original = publicData(2);
        uint256 at = D.HEADER + 3 * F.DEPOSIT_SLOTS;
        uint256[4] memory changed = [D.NEW_ROOT, at, at + 1, at + 2];
        for (uint256 i = 0; i < changed.length; i++) {
            uint256[] memory d = publicData(2);
            d[changed[i]] = original[changed[i]] ^ 1;
            expectRejected(2, d, abi.encodeWithSelector(BridgeRoles.InvalidProof.selector));
        }
        submit(2);
    }

    /// A withdrawal to another recipient, with the amount unchanged: not what the owner signed.
    function test_rejectsARedirectedWithdrawal() public {
        submit(1);
        uint256[] memory d = publicData(2);
        uint256 at = D.HEADER + 3 * F.DEPOSIT_SLOTS + 1;
        d[at] = (d[at] >> 160) << 160 | uint160(address(0xBAD));
        expectRejected(2, d, abi.encodeWithSelector(BridgeRoles.InvalidProof.selector));
    }

    /// Batch 2's proof with batch 2's data under another commitment, and batch 1's proof for
    /// batch 2's data: a proof holds for its own batch only.
    function test_rejectsAReplayedProof() public {
        submit(1);
        F.Batch memory b = F.batch(2);
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        submit(b.publicData, F.batch(1).commitment, b.proof);
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        submit(b.publicData, b.commitment, F.batch(1).proof);
    }

    function test_rejectsATamperedProof() public {
        F.Batch memory b = F.batch(1);
        b.proof[200] = bytes1(uint8(b.proof[200]) ^ 0x01);
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        submit(b.publicData, b.commitment, b.proof);
    }

    /// An element plus r is the same field element to the proof but not to the bridge.
    function test_rejectsAnUnreducedElement() public {
        submit(1);
        uint256[] memory d = publicData(2);
        uint256 last = d.length - 1;
        d[last] += PublicData.R;
        expectRejected(2, d, abi.encodeWithSelector(PublicData.UnreducedElement.selector, last));
        F.Batch memory b = F.batch(2);
        vm.expectRevert(
            abi.encodeWithSelector(
                SettlementCustody.CommitmentNotInField.selector, b.commitment + PublicData.R
            )
        );
        submit(b.publicData, b.commitment + PublicData.R, b.proof);
    }

    function test_rejectsPublicDataOfAnotherLength() public {
        uint256[] memory d = new uint256[](publicData(1).length + 1);
        expectRejected(
            1,
            d,
            abi.encodeWithSelector(
                SettlementBridge.WrongPublicDataLength.selector, d.length - 1, d.length
            )
        );
    }

    function test_onlyTheOperatorSubmitsAndNotWhilePaused() public {
        F.Batch memory b = F.batch(1);
        vm.expectRevert(abi.encodeWithSelector(BridgeRoles.NotOperator.selector, address(this)));
        bridge.submitBatch(b.publicData, b.commitment, b.proof);
        vm.prank(GUARDIAN);
        bridge.pause();
        expectRejected(1, b.publicData, abi.encodeWithSelector(BridgeRoles.BatchesPaused.selector));
        vm.prank(GUARDIAN);
        bridge.unpause();
        submit(1);
    }

    /// With too little gas the verifier could fail a valid proof: the bridge says so instead.
    function test_tooLittleGasIsNotReportedAsAnInvalidProof() public {
        F.Batch memory b = F.batch(1);
        vm.expectPartialRevert(BridgeRoles.InsufficientGas.selector);
        vm.prank(OPERATOR);
        bridge.submitBatch{gas: 300_000}(b.publicData, b.commitment, b.proof);
        assertEq(bridge.batchCount(), 0);
    }
}

/// Batches against a queue that does not hold the fixture's deposits as they were queued.
contract BatchQueueTest is SettlementSetUp {
    /// Listed in the right order but queued in another: the same records at other queue indices.
    function test_rejectsDepositsTheQueueHoldsInAnotherOrder() public {
        queue(1);
        queue(0);
        expectRejected(
            1,
            publicData(1),
            abi.encodeWithSelector(SettlementBridge.DepositRecordsMismatch.selector, 0, 2)
        );
    }

    function test_rejectsDepositsNotYetQueued() public {
        queue(0);
        expectRejected(
            1,
            publicData(1),
            abi.encodeWithSelector(SettlementBridge.DepositsNotQueued.selector, 2, 1)
        );
    }
}

/// The queue's order under fuzzing, on the accepting verifier: a batch is accepted with the
/// queue's next records in queue order and with nothing else.
contract BatchOrderingFuzzTest is SyntheticBatches {
    uint256 internal constant SLOTS = 6;

    function setUp() public {
        deploySynthetic(D.Layout(SLOTS, 4, 2, 0, 0, 0, false));
    }

    function recordOf(uint256 seed, uint256 i) internal view returns (Record memory) {
        uint256 h = uint256(keccak256(abi.encode(seed, i)));
        return Record(
            vm.addr(1 + h % 2 ** 128),
            h % bridge.ACCOUNT_LIMIT(),
            uint256(keccak256(abi.encode(h, 1))) % PublicData.R,
            uint256(keccak256(abi.encode(h, 2))) % PublicData.R,
            1 + h % (bridge.AMOUNT_LIMIT() - 1)
        );
    }

    function queueRecords(uint256 seed, uint256 n) internal returns (Record[] memory r) {
        r = new Record[](n);
        for (uint256 i = 0; i < n; i++) {
            r[i] = recordOf(seed, i);
            queueRecord(r[i]);
        }
    }

    /// Two of the consumed records swapped (or none, when a == b): only the queue order passes.
    function testFuzz_onlyTheQueueOrderIsAccepted(
        uint256 seed,
        uint256 queued,
        uint256 consumed,
        uint256 a,
        uint256 b
    ) public {
        uint256 n = bound(queued, 1, SLOTS + 2);
        uint256 k = bound(consumed, 1, n < SLOTS ? n : SLOTS);
        (a, b) = (bound(a, 0, k - 1), bound(b, 0, k - 1));
        Record[] memory r = queueRecords(seed, n);
        (r[a], r[b]) = (r[b], r[a]);
        uint256[] memory d = nextBatch();
        d[D.DEPOSIT_COUNT] = k;
        for (uint256 i = 0; i < k; i++) {
            putDeposit(d, i, r[i]);
        }
        if (a != b) {
            vm.expectRevert(
                abi.encodeWithSelector(SettlementBridge.DepositRecordsMismatch.selector, 0, k)
            );
        }
        submitSynthetic(d);
        assertEq(bridge.depositsConsumed(), a == b ? k : 0);
    }

    /// Listing the queue from its second record (the first skipped) never passes.
    function testFuzz_aSkippedRecordIsRefused(uint256 seed, uint256 consumed) public {
        uint256 k = bound(consumed, 1, SLOTS);
        Record[] memory r = queueRecords(seed, k + 1);
        uint256[] memory d = nextBatch();
        d[D.DEPOSIT_COUNT] = k;
        for (uint256 i = 0; i < k; i++) {
            putDeposit(d, i, r[i + 1]);
        }
        vm.expectRevert(
            abi.encodeWithSelector(SettlementBridge.DepositRecordsMismatch.selector, 0, k)
        );
        submitSynthetic(d);
    }

    /// Batches consume the queue in consecutive ranges; each refund goes to its record's sender.
    function testFuzz_refundsGoToTheirSenders(uint256 seed, uint256 first, uint256 bits) public {
        uint256 k1 = bound(first, 0, SLOTS);
        Record[] memory r = queueRecords(seed, k1 + SLOTS);
        uint256 start = 0;
        for (
            uint256 k = k1;
            start < r.length;
            k = r.length - start < SLOTS ? r.length - start : SLOTS
        ) {
            uint256[] memory d = nextBatch();
            d[D.DEPOSIT_COUNT] = k;
            uint256 refunds = bits & (2 ** k - 1);
            setRefundBits(d, refunds);
            for (uint256 i = 0; i < k; i++) {
                putDeposit(d, i, r[start + i]);
            }
            submitSynthetic(d);
            for (uint256 i = 0; i < k; i++) {
                uint256 expected = (refunds >> i) & 1 == 1 ? r[start + i].amount : 0;
                assertEq(bridge.claimable(r[start + i].sender), expected);
            }
            start += k;
            assertEq(bridge.depositsConsumed(), start);
            bits >>= k;
        }
    }
}
