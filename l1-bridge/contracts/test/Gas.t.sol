// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {console} from "forge-std/Test.sol";
import {BridgeRoles} from "../src/BridgeRoles.sol";
import {SettlementBridge} from "../src/SettlementBridge.sol";
import {SettlementCustody} from "../src/SettlementCustody.sol";
import {SettlementData as D} from "../src/SettlementData.sol";
import {BridgeActors, SettlementSetUp} from "./SettlementSetUp.sol";
import {AcceptingVerifier, SyntheticBatches} from "./SyntheticBatches.sol";
import {SettlementOwnerSetUp} from "./SettlementOwnerSetUp.sol";
import {IVerifier} from "../src/IVerifier.sol";
import {SettlementVerifier} from "./fixtures/SettlementVerifier.sol";
import {SettlementFixture as F} from "./fixtures/SettlementFixture.sol";
import {SettlementOwnerFixture as O} from "./fixtures/SettlementOwnerFixture.sol";
import {SettlementBlobSetUp} from "./SettlementBlobSetUp.sol";
import {AggregateFixtureSetUp} from "./AggregateFixtureSetUp.sol";
import {AggregateFixture as A} from "./fixtures/AggregateFixture.sol";
import {SettlementBlobFixture as B} from "./fixtures/SettlementBlobFixture.sol";
import {SettlementBlobBridge} from "../src/SettlementBlobBridge.sol";
import {SettlementBlobVerifier} from "./fixtures/SettlementBlobVerifier.sol";
import {SettlementBlob2Fixture as B2} from "./fixtures/SettlementBlob2Fixture.sol";
import {SettlementBlob2Verifier} from "./fixtures/SettlementBlob2Verifier.sol";
import {BlobAggregateFixture as BA} from "./fixtures/BlobAggregateFixture.sol";
import {BlobAggregateVerifier} from "./fixtures/BlobAggregateVerifier.sol";

/// Transaction gas as L1 charges it, before refunds (EIP-3529): every test here but the blob
/// bridge's (BlobTransactionGas) runs isolated (each top-level call a transaction of its own, with cold
/// accounts and storage and its intrinsic 21,000 + calldata), so the figures match receipts on
/// anvil (SettlementBridgeOnAnvilTest).
abstract contract TransactionGas is BridgeActors {
    /// Calls `target` as `from` with `data`; returns the transaction's gas.
    function transact(address target, address from, bytes memory data) internal returns (uint256) {
        vm.prank(from);
        (bool ok, bytes memory reason) = target.call(data);
        if (!ok) {
            assembly {
                revert(add(reason, 32), mload(reason))
            }
        }
        return vm.lastCallGas().gasTotalUsed;
    }

    /// Calls `target` as `from` with `data`, which must be refused with InvalidProof; returns the
    /// refused call's gas (a transaction's in an isolated test contract).
    function refusedGas(address target, address from, bytes memory data)
        internal
        returns (uint256)
    {
        vm.prank(from);
        (bool ok, bytes memory reason) = target.call(data);
        assertFalse(ok, "accepted");
        assertEq(reason, abi.encodeWithSelector(BridgeRoles.InvalidProof.selector));
        return vm.lastCallGas().gasTotalUsed;
    }

    /// Logs a figure and keeps it in snapshots/<test contract>.json (checked in CI).
    function record(string memory name, uint256 value) internal {
        console.log(name, value);
        vm.snapshotValue(name, value);
    }
}

/// Real batches of the fixture: the transaction gas of each, and of a deposit.
/// forge-config: default.isolate = true
contract SettlementGasTest is SettlementSetUp, TransactionGas {
    function setUp() public override {
        super.setUp();
        token.mint(address(bridge), 1); // the bridge's balance is never empty but at the start
    }

    function depositData(uint256 i) internal pure returns (bytes memory) {
        F.Deposit memory d = F.deposits()[i];
        return abi.encodeCall(SettlementCustody.deposit, (d.account, d.keyX, d.keyY, d.amount));
    }

    /// A deposit behind others in the queue, from a holder who keeps a balance and approved the
    /// bridge once for all (an infinite allowance is not spent down).
    function test_gasOfADeposit() public {
        queue(0);
        F.Deposit memory d = F.deposits()[1];
        token.mint(d.sender, d.amount + 1);
        vm.prank(d.sender);
        token.approve(address(bridge), type(uint256).max);
        record("deposit (transaction)", transact(address(bridge), d.sender, depositData(1)));
    }

    /// A forced withdrawal request behind another (two new storage slots: its link and its time).
    function test_gasOfAForcedRequest() public {
        bytes memory data = abi.encodeCall(
            SettlementCustody.forceWithdrawal, (5, 0, 1e6, address(0xA11CE), 1, 2, 3)
        );
        transact(address(bridge), address(0xF00), data);
        record(
            "forced withdrawal request (transaction)",
            transact(address(bridge), address(0xF00), data)
        );
    }

    /// The escape: after the chain, a request left unserved, the freeze, each account's exit with
    /// its real proof, and the refund of a deposit no batch consumed.
    function test_gasOfTheEscape() public {
        queueAll();
        for (uint256 n = 1; n <= F.BATCHES; n++) {
            submit(n);
        }
        uint256 index = depositAs(bridge, address(0x1A7E), 77, 1, 2, 3e6);
        bridge.forceWithdrawal(5, 0, 1e6, address(0xA11CE), 1, 2, 3);
        vm.warp(block.timestamp + EXIT_DEADLINE + 1);
        record(
            "freeze (transaction)",
            transact(address(bridge), address(0xF00), abi.encodeCall(SettlementCustody.freeze, ()))
        );
        F.Exit memory e = F.exits()[0];
        record(
            "exit with its proof (transaction)",
            transact(
                address(bridge),
                address(0xF00),
                abi.encodeCall(SettlementCustody.exit, (e.data, e.commitment, e.proof))
            )
        );
        bytes memory refund = abi.encodeCall(
            SettlementCustody.refundPendingDeposit,
            (index, D.depositRecord(77, 3e6, address(0x1A7E)), 1, 2)
        );
        record(
            "refund of a pending deposit (transaction)",
            transact(address(bridge), address(0xF00), refund)
        );
    }

    /// Each of the chain's batches (Tiny capacities: 17 elements of public data).
    function test_gasOfTheFixturesBatches() public {
        queueAll();
        string[3] memory names = [
            "batch 1: 2 deposits credited (transaction)",
            "batch 2: 1 refund, 1 withdrawal, 1 trade (transaction)",
            "batch 3: 1 deposit, 1 withdrawal (transaction)"
        ];
        for (uint256 n = 1; n <= F.BATCHES; n++) {
            F.Batch memory b = F.batch(n);
            bytes memory data =
                abi.encodeCall(SettlementBridge.submitBatch, (b.publicData, b.commitment, b.proof));
            record(names[n - 1], transact(address(bridge), OPERATOR, data));
        }
    }
}

/// Marginal costs, on the accepting verifier (which costs the same whatever the batch): one more
/// deposit consumed, withdrawal credited, refund, or element of public data.
/// forge-config: default.isolate = true
contract SettlementMarginalGasTest is SyntheticBatches, TransactionGas {
    uint256 internal constant SLOTS = 41;

    function setUp() public {
        deploySynthetic(D.Layout(40, SLOTS, SLOTS, 0, 0, 0, false));
        for (uint256 i = 0; i < 40; i++) {
            queueRecord(recordOf(i));
        }
    }

    function recordOf(uint256 i) internal pure returns (Record memory) {
        uint256 h = uint256(keccak256(abi.encode(i)));
        return Record(
            vm.addr(1 + h % 2 ** 128),
            i + 1,
            h >> 3,
            uint256(keccak256(abi.encode(h))) >> 3,
            1e6 + i
        );
    }

    /// Gas of a batch with public data d.
    function batchGas(uint256[] memory d) internal returns (uint256) {
        bytes memory data = abi.encodeCall(SettlementBridge.submitBatch, (d, 0, new bytes(256)));
        return transact(address(bridge), OPERATOR, data);
    }

    function consuming(uint256 k, bool refunded) internal view returns (uint256[] memory d) {
        d = nextBatch();
        d[D.DEPOSIT_COUNT] = k;
        for (uint256 i = 0; i < k; i++) {
            putDeposit(d, i, recordOf(i));
        }
        if (refunded) setRefundBits(d, 2 ** k - 1);
    }

    function paying(uint256 n, uint256 offset) internal view returns (uint256[] memory d) {
        d = nextBatch();
        for (uint256 j = 0; j < n; j++) {
            putWithdrawal(d, j, vm.addr(0xA000 + offset + j), 1e6);
        }
    }

    /// The difference of two batches' gas, per unit, each measured from the same state.
    function marginal(uint256[] memory one, uint256[] memory many, uint256 units)
        internal
        returns (uint256)
    {
        uint256 snap = vm.snapshotState();
        uint256 low = batchGas(one);
        vm.revertToState(snap);
        uint256 high = batchGas(many);
        vm.revertToState(snap);
        return (high - low) / units;
    }

    function test_marginalGas() public {
        record("per deposit consumed", marginal(consuming(1, false), consuming(31, false), 30));
        record(
            "per deposit refunded (fresh sender), on top",
            marginal(consuming(31, false), consuming(31, true), 31)
        );
        record("per withdrawal (fresh recipient)", marginal(paying(1, 0), paying(31, 0), 30));
        // Recipients that already have an unclaimed credit.
        submitSynthetic(paying(31, 0));
        record(
            "per withdrawal (recipient already credited)", marginal(paying(1, 0), paying(31, 0), 30)
        );
    }

    function emptyBatchGas(D.Layout memory l) internal returns (uint256) {
        deploySynthetic(l);
        return batchGas(fullBatch(l, 0));
    }

    /// One more element of public data: an unused slot (a zero element: calldata and the binding);
    /// a market row in use (a full element, emitted in BatchSubmitted and stored for exits: a new
    /// storage slot the first time a market is published, an update afterwards); an owner-data row
    /// (13 full elements: the data that lets owners rebuild their leaves, in calldata).
    function test_gasPerElement() public {
        uint256 tiny = emptyBatchGas(D.Layout(1, 1, 1, 0, 0, 0, false));
        record(
            "per unused slot element (zero: calldata, binding)",
            (emptyBatchGas(D.Layout(1, 41, 1, 0, 0, 0, false)) - tiny) / 40
        );
        record(
            "per market row in use, first time (calldata, binding, event, new slot)",
            (emptyBatchGas(D.Layout(1, 1, 41, 0, 0, 0, false)) - tiny) / 40
        );
        D.Layout memory one = D.Layout(1, 1, 1, 0, 0, 0, false);
        D.Layout memory many = D.Layout(1, 1, 41, 0, 0, 0, false);
        deploySynthetic(one);
        submitSynthetic(fullBatch(one, 0));
        uint256 low = batchGas(fullBatch(one, 1));
        deploySynthetic(many);
        submitSynthetic(fullBatch(many, 0));
        record(
            "per market row in use, published before (calldata, binding, event, update)",
            (batchGas(fullBatch(many, 1)) - low) / 40
        );
        uint256 owned = emptyBatchGas(D.Layout(1, 1, 1, 0, 0, 1, false));
        record(
            "per changed account's owner data (13 elements: calldata, binding)",
            (emptyBatchGas(D.Layout(1, 1, 1, 0, 0, 41, false)) - owned) / 40
        );
        record(
            "per batch, the risk commitment of a -pm circuit (calldata, binding, event)",
            emptyBatchGas(D.Layout(1, 1, 1, 0, 0, 1, true)) - owned
        );
    }

    function requestOf(uint256 i) internal pure returns (Request memory) {
        uint256 h = uint256(keccak256(abi.encode("request", i)));
        return Request(i, 0, 1e6, vm.addr(0xC000 + i), h >> 3, h >> 4, h >> 8);
    }

    /// One more forced withdrawal request served and paid (a fresh recipient credited).
    function test_gasPerRequestServed() public {
        D.Layout memory l = D.Layout(1, 1, 1, 0, 31, 1, false);
        deploySynthetic(l);
        for (uint256 i = 0; i < 31; i++) {
            register(requestOf(i));
        }
        record("per forced request served and paid", marginal(served(1), served(31), 30));
    }

    function served(uint256 n) internal view returns (uint256[] memory d) {
        d = nextBatch();
        serving(d, n);
        for (uint256 i = 0; i < n; i++) {
            putRequest(d, i, requestOf(i), 1e6);
        }
    }
}

/// One proof for k consecutive batches (submitBatches), on accepting verifiers (an aggregate
/// verifier costs what it costs whatever k: its public inputs are 3): the transaction gas of one
/// more segment, each an empty batch (nothing consumed, nothing paid) with its market rows
/// published before and, for the owner layout, every owner-data element full.
/// forge-config: default.isolate = true
contract SettlementAggregateGasTest is SyntheticBatches, TransactionGas {
    uint256 internal constant MORE = 8;

    /// A bridge of layout l whose aggregate verifier takes k segments, its markets published once.
    function deployAggregating(D.Layout memory l, uint256 k) internal {
        deploySynthetic(l);
        IVerifier aggregate = new AcceptingVerifier();
        vm.prank(address(bridge.governance()));
        bridge.setAggregateVerifier(aggregate, k);
        submitSynthetic(fullBatch(l, 0));
    }

    /// k consecutive batches from the bridge's state, concatenated; their new roots are full
    /// field elements, as real roots are (calldata costs by the byte).
    function segments(D.Layout memory l, uint256 k) internal view returns (uint256[] memory all) {
        uint256[] memory d = fullBatch(l, 1);
        uint256 n = d.length;
        all = new uint256[](n * k);
        for (uint256 i = 0; i < k; i++) {
            for (uint256 e = 0; e < n; e++) {
                all[i * n + e] = d[e];
            }
            all[i * n + D.BATCH_NUMBER] = d[D.BATCH_NUMBER] + i;
            if (i > 0) all[i * n + D.OLD_ROOT] = all[(i - 1) * n + D.NEW_ROOT];
            all[i * n + D.NEW_ROOT] = uint256(keccak256(abi.encode("root", i))) >> 3;
        }
    }

    function aggregateGas(D.Layout memory l, uint256 k) internal returns (uint256) {
        deployAggregating(l, k);
        bytes memory data =
            abi.encodeCall(SettlementBridge.submitBatches, (segments(l, k), 0, new bytes(256)));
        return transact(address(bridge), OPERATOR, data);
    }

    function aloneGas(D.Layout memory l) internal returns (uint256) {
        deployAggregating(l, 1);
        bytes memory data =
            abi.encodeCall(SettlementBridge.submitBatch, (segments(l, 1), 0, new bytes(256)));
        return transact(address(bridge), OPERATOR, data);
    }

    function measure(string memory name, D.Layout memory l) internal {
        uint256 one = aggregateGas(l, 1);
        record(string.concat(name, ": a batch alone, submitBatch (transaction)"), aloneGas(l));
        record(string.concat(name, ": an aggregate of 1 batch (transaction)"), one);
        record(
            string.concat(name, ": per further segment (transaction)"),
            (aggregateGas(l, 1 + MORE) - one) / MORE
        );
    }

    /// The fixture's Tiny capacities (17 elements), and TinyOwner's (two owner rows: 49).
    function test_gasPerSegment() public {
        measure(
            "Tiny", D.Layout(F.DEPOSIT_SLOTS, F.WITHDRAWAL_SLOTS, F.MARKET_ROWS, 0, 0, 0, false)
        );
        measure(
            "TinyOwner",
            D.Layout(
                O.DEPOSIT_SLOTS, O.WITHDRAWAL_SLOTS, O.MARKET_ROWS, 0, 0, O.ACCOUNT_ROWS, false
            )
        );
    }
}

/// agg15's real aggregate of the fixture chain's batches 1 and 2 through the bridge: the whole
/// transaction (21,000, calldata, both segments' checks and effects, the aggregate verifier with
/// its Groth16 commitment), beside the same two batches one by one with their real inner proofs,
/// from the same state; and the aggregate verifier's call alone.
/// forge-config: default.isolate = true
contract AggregateProofGasTest is AggregateFixtureSetUp, TransactionGas {
    function test_gasOfTheRealAggregate() public {
        uint256 snap = vm.snapshotState();
        uint256 alone;
        for (uint256 n = 1; n <= A.K; n++) {
            A.Batch memory b = A.batch(n);
            alone += transact(
                address(bridge),
                OPERATOR,
                abi.encodeCall(SettlementBridge.submitBatch, (b.publicData, b.commitment, b.proof))
            );
        }
        vm.revertToState(snap);
        uint256 together = transact(
            address(bridge),
            OPERATOR,
            abi.encodeCall(
                SettlementBridge.submitBatches, (A.aggregateData(), A.AGG_COMMITMENT, A.AGG_PROOF)
            )
        );
        record("real aggregate of batches 1 and 2 (transaction)", together);
        record("the same two batches one by one, real inner proofs (2 transactions)", alone);
        uint256[3] memory input = [A.AGG_COMMITMENT, A.AGG_CHALLENGE, A.AGG_EVALUATION];
        IVerifier v = bridge.aggregateVerifier();
        v.verifyProof(A.AGG_PROOF, input);
        record("the aggregate verifier's call, batches 1 and 2", vm.lastCallGas().gasTotalUsed);
    }

    /// The real aggregate for data changed where no rule of the bridge looks (segment 2's
    /// withdrawal): refused by the aggregate verifier, which runs after the segments' effects (a
    /// replay is refused before it instead).
    function test_gasOfARefusedAggregateProof() public {
        uint256[] memory d = A.aggregateData();
        d[
                A.SEGMENT_LENGTH
                    + D.withdrawalsAt(
                        D.Layout(A.DEPOSIT_SLOTS, A.WITHDRAWAL_SLOTS, A.MARKET_ROWS, 0, 0, 0, false)
                    )
            ] ^= 1 << 100;
        record(
            "real aggregate of batches 1 and 2 for changed data, refused (transaction)",
            refusedGas(
                address(bridge),
                OPERATOR,
                abi.encodeCall(SettlementBridge.submitBatches, (d, A.AGG_COMMITMENT, A.AGG_PROOF))
            )
        );
    }
}

/// The owner data's L1 gas on real proofs: each batch of the owner chain on a bridge with account
/// rows, next to the same batch of the main chain (no section) on a bridge without, measured from
/// the same state. Both verifiers take 3 public inputs, so the difference is the section's
/// calldata and binding.
/// forge-config: default.isolate = true
contract SettlementOwnerGasTest is SettlementOwnerSetUp, TransactionGas {
    function submission(uint256[] memory d, uint256 c, bytes memory proof)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodeCall(SettlementBridge.submitBatch, (d, c, proof));
    }

    function plainChainGas() internal returns (uint256[3] memory gas) {
        deployAtFixtureAddress(
            IVerifier(address(new SettlementVerifier())),
            D.Layout(F.DEPOSIT_SLOTS, F.WITHDRAWAL_SLOTS, F.MARKET_ROWS, 0, 0, 0, false),
            F.GENESIS_ROOT
        );
        for (uint256 n = 1; n <= F.BATCHES; n++) {
            F.Batch memory b = F.batch(n);
            gas[n - 1] = transact(
                address(bridge), OPERATOR, submission(b.publicData, b.commitment, b.proof)
            );
        }
    }

    function test_gasPerChangedAccount() public {
        uint256 snap = vm.snapshotState();
        uint256[3] memory plain = plainChainGas();
        vm.revertToState(snap);
        deployOwnerBridge();
        string[3] memory names = [
            "owner chain, batch 1: 2 deposits credited (transaction)",
            "owner chain, batch 2: 1 refund, 1 withdrawal, 1 trade (transaction)",
            "owner chain, batch 3: 1 deposit, 1 withdrawal (transaction)"
        ];
        uint256 section;
        uint256 sectionBytes;
        for (uint256 n = 1; n <= O.BATCHES; n++) {
            O.Batch memory b = O.batch(n);
            bytes memory owned = submission(b.publicData, b.commitment, b.proof);
            uint256 gas = transact(address(bridge), OPERATOR, owned);
            record(names[n - 1], gas);
            section += gas - plain[n - 1];
            F.Batch memory p = F.batch(n);
            sectionBytes += owned.length - submission(p.publicData, p.commitment, p.proof).length;
        }
        section /= O.BATCHES;
        sectionBytes /= O.BATCHES;
        record("owner data section, 2 changed accounts (real proofs, mean of 3)", section);
        // The section's gas is its calldata (4 per zero byte, 16 per other byte) and, per element,
        // the same binding work: split it so, by the mean batch's bytes.
        (uint256 headerCalldata, uint256 rowsCalldata) = sectionCalldataGas();
        uint256 elements = D.OWNER_HEADER + D.OWNER_ROW * O.ACCOUNT_ROWS;
        uint256 perElement = (section - headerCalldata - rowsCalldata) / elements;
        record(
            "per changed account's owner data (real proofs: a row's calldata and binding)",
            rowsCalldata / O.ACCOUNT_ROWS + D.OWNER_ROW * perElement
        );
        record(
            "per batch, the owner data header (real proofs: 6 elements)",
            headerCalldata + D.OWNER_HEADER * perElement
        );
        record(
            "da_bytes_per_changed_account (calldata of a row)",
            (sectionBytes - 32 * D.OWNER_HEADER) / O.ACCOUNT_ROWS
        );
    }

    /// Calldata gas of the owner data's header and of its rows, mean over the chain's batches.
    function sectionCalldataGas() internal pure returns (uint256 header, uint256 rows) {
        uint256 rowsAt = D.ownerDataAt(ownerLayout()) + D.OWNER_HEADER;
        for (uint256 n = 1; n <= O.BATCHES; n++) {
            uint256[] memory d = O.batch(n).publicData;
            for (uint256 i = D.ownerDataAt(ownerLayout()); i < d.length; i++) {
                if (i < rowsAt) header += calldataGas(d[i]);
                else rows += calldataGas(d[i]);
            }
        }
        return (header / O.BATCHES, rows / O.BATCHES);
    }

    function calldataGas(uint256 x) internal pure returns (uint256 gas) {
        for (uint256 b = 0; b < 32; b++) {
            gas += ((x >> (8 * b)) & 0xff) == 0 ? 4 : 16;
        }
    }
}

/// Transaction gas of the blob bridge's calls. Not isolated (forge's isolated call carrying blob
/// hashes reverted without a reason): the transaction's gas is the call's (vm.lastCallGas) plus
/// the intrinsic 21,000 and the calldata's 16 per non-zero and 4 per zero byte; for the calldata
/// chain that gives the figure SettlementOwnerGasTest measures isolated
/// (snapshots/SettlementOwnerGasTest.json).
abstract contract BlobTransactionGas is SettlementBlobSetUp, TransactionGas {
    function transactionGas(bytes memory data) internal returns (uint256) {
        vm.prank(OPERATOR);
        (bool ok, bytes memory reason) = address(bridge).call(data);
        if (!ok) {
            assembly {
                revert(add(reason, 32), mload(reason))
            }
        }
        uint256 intrinsic = 21_000;
        for (uint256 i = 0; i < data.length; i++) {
            intrinsic += data[i] == 0 ? 4 : 16;
        }
        return vm.lastCallGas().gasTotalUsed + intrinsic;
    }
}

/// The real aggregate over -blob inner proofs (BlobAggregateFixture: batch 1 of the blob chain,
/// k = 1) through submitBlobBatches with its blob, beside the same batch alone with its
/// single-batch proof (submitBlobBatch) from the same state; and its verifier's call alone.
contract BlobAggregateProofGasTest is BlobTransactionGas {
    function test_gasOfTheRealBlobAggregate() public {
        deployBlobBridge();
        IVerifier aggregate = IVerifier(address(new BlobAggregateVerifier()));
        vm.prank(address(bridge.governance()));
        bridge.setAggregateVerifier(aggregate, BA.K);
        uint256 snap = vm.snapshotState();
        B.Batch memory b = B.batch(1);
        carry(versionedHash(1));
        uint256 alone = transactionGas(submission(b.publicData, b.commitment, b.proof, 1));
        vm.revertToState(snap);
        carry(versionedHash(1));
        uint256 aggregated = transactionGas(
            abi.encodeCall(
                SettlementBlobBridge.submitBlobBatches,
                (BA.aggregateData(), BA.AGG_COMMITMENT, BA.AGG_PROOF, opening(1))
            )
        );
        record("real blob aggregate of batch 1, submitBlobBatches (transaction)", aggregated);
        record("blob batch 1 alone, submitBlobBatch (transaction)", alone);
        aggregate.verifyProof(
            BA.AGG_PROOF, [BA.AGG_COMMITMENT, BA.AGG_CHALLENGE, BA.AGG_EVALUATION]
        );
        record("the blob aggregate verifier's call", vm.lastCallGas().gasTotalUsed);
    }
}

/// The transaction gas of the blob chain's batches beside the same batches with the owner rows in
/// calldata (the owner fixture on a SettlementBridge): the fixed part of a batch with a blob
/// (BlobTransactionGas: not isolated).
contract SettlementBlobGasTest is BlobTransactionGas {
    /// The owner chain's batches, rows in calldata (the owner fixture on a SettlementBridge).
    function test_gasOfTheSameBatchesWithRowsInCalldata() public {
        deployOwnerBridge();
        uint256 mean;
        for (uint256 n = 1; n <= O.BATCHES; n++) {
            O.Batch memory o = O.batch(n);
            mean += transactionGas(
                abi.encodeCall(SettlementBridge.submitBatch, (o.publicData, o.commitment, o.proof))
            );
        }
        record("owner chain (rows in calldata), mean of 3 (transaction)", mean / O.BATCHES);
    }

    function test_gasOfABlobBatch() public {
        deployBlobBridge();
        string[3] memory names = [
            "blob chain, batch 1: 2 deposits credited (transaction)",
            "blob chain, batch 2: 1 refund, 1 withdrawal, 1 trade (transaction)",
            "blob chain, batch 3: 1 deposit, 1 withdrawal (transaction)"
        ];
        uint256 mean;
        for (uint256 n = 1; n <= B.BATCHES; n++) {
            B.Batch memory b = B.batch(n);
            carry(versionedHash(n));
            uint256 gas = transactionGas(submission(b.publicData, b.commitment, b.proof, n));
            record(names[n - 1], gas);
            mean += gas;
        }
        record("blob chain, mean of 3 (transaction)", mean / B.BATCHES);
    }

    /// The same batches with the rows in two blobs (TinyOwnerBlob2, one row each) beside the
    /// one-blob chain from the same state: what a further blob costs a batch, on real proofs. The
    /// two circuits' verifiers are timed alone on their first batch's proof too (both take 3 public
    /// inputs and a Groth16 commitment), so that a difference of the verifiers' is seen apart.
    function test_gasOfATwoBlobBatch() public {
        uint256 snap = vm.snapshotState();
        uint256 one = blobChainGas(1);
        vm.revertToState(snap);
        uint256 two = blobChainGas(2);
        record("two-blob chain, mean of 3 (transaction)", two);
        record("a further blob: two-blob mean - one-blob mean (transaction)", two - one);
        record(
            "one-blob verifier, batch 1's proof",
            verifierGas(IVerifier(address(new SettlementBlobVerifier())), 1)
        );
        record(
            "two-blob verifier, batch 1's proof",
            verifierGas(IVerifier(address(new SettlementBlob2Verifier())), 2)
        );
    }

    /// One aggregate for the blob chain's batches 1 and 2 (submitBlobBatches, each batch's blob
    /// opened in the transaction), on an accepting aggregate verifier, beside batch 1 alone in an
    /// aggregate of one from the same state: what batch 2 costs as a further segment.
    function test_gasOfABlobAggregate() public {
        uint256 snap = vm.snapshotState();
        uint256 one = blobAggregateGas(1);
        vm.revertToState(snap);
        uint256 two = blobAggregateGas(2);
        record("blob aggregate of batch 1, accepting verifier (transaction)", one);
        record(
            "blob aggregate: batch 2 as a further segment, with its blob (transaction)", two - one
        );
    }

    /// A refused proof: blob batch 1 with batch 2's real proof
    /// (submitBlobBatch: after its blob's opening and its header and records), and the blob
    /// aggregate of batches 1 and 2 with its aggregate verifier refusing (submitBlobBatches:
    /// after its segments, whose effects revert). The refused call's gas (no 21,000, no calldata).
    function test_gasOfARefusedBlobProof() public {
        uint256 snap = vm.snapshotState();
        deployBlobBridge();
        B.Batch memory b = B.batch(1);
        carry(versionedHash(1));
        record(
            "blob batch 1 with batch 2's proof, refused (call)",
            refusedGas(
                address(bridge),
                OPERATOR,
                submission(b.publicData, b.commitment, B.batch(2).proof, 1)
            )
        );
        vm.revertToState(snap);
        bytes memory data = blobAggregate(2);
        vm.mockCallRevert(
            address(bridge.aggregateVerifier()),
            abi.encodeWithSelector(IVerifier.verifyProof.selector),
            ""
        );
        record(
            "blob aggregate of batches 1 and 2, proof refused (call)",
            refusedGas(address(bridge), OPERATOR, data)
        );
    }

    /// The transaction gas of the blob chain's first k batches in one aggregate.
    function blobAggregateGas(uint256 k) internal returns (uint256) {
        return transactionGas(blobAggregate(k));
    }

    /// A blob bridge with an accepting aggregate verifier of k segments, the blob chain's first k
    /// batches' blobs carried; returns the submitBlobBatches calldata of those batches.
    function blobAggregate(uint256 k) internal returns (bytes memory) {
        deployBlobBridge();
        IVerifier aggregate = new AcceptingVerifier();
        vm.prank(address(bridge.governance()));
        bridge.setAggregateVerifier(aggregate, k);
        uint256 n = B.batch(1).publicData.length;
        uint256[] memory d = new uint256[](n * k);
        bytes32[] memory hashes = new bytes32[](k);
        bytes memory commitments;
        bytes memory proofs;
        for (uint256 i = 0; i < k; i++) {
            B.Batch memory b = B.batch(i + 1);
            for (uint256 e = 0; e < n; e++) {
                d[i * n + e] = b.publicData[e];
            }
            hashes[i] = versionedHash(i + 1);
            commitments = bytes.concat(commitments, b.blobCommitment);
            proofs = bytes.concat(proofs, b.blobProof);
        }
        vm.blobhashes(hashes);
        SettlementBlobBridge.Blob memory blob = SettlementBlobBridge.Blob(0, commitments, proofs);
        return abi.encodeCall(SettlementBlobBridge.submitBlobBatches, (d, 0, new bytes(384), blob));
    }

    /// Deploys a bridge for k blobs and submits the k-blob fixture's chain; returns the mean
    /// transaction gas.
    function blobChainGas(uint256 k) internal returns (uint256 mean) {
        deployBlobBridge(
            k == 1
                ? IVerifier(address(new SettlementBlobVerifier()))
                : IVerifier(address(new SettlementBlob2Verifier())),
            k
        );
        for (uint256 n = 1; n <= B.BATCHES; n++) {
            (
                uint256[] memory d,
                uint256 c,
                bytes memory proof,
                SettlementBlobBridge.Blob memory o
            ) = blobBatch(k, n);
            vm.blobhashes(versionedHashes(d, k));
            mean += transactionGas(
                abi.encodeCall(SettlementBlobBridge.submitBlobBatch, (d, c, proof, o))
            );
        }
        return mean / B.BATCHES;
    }

    /// Batch n of the k-blob fixture: its public data, commitment, proof and openings.
    function blobBatch(uint256 k, uint256 n)
        internal
        pure
        returns (uint256[] memory, uint256, bytes memory, SettlementBlobBridge.Blob memory)
    {
        if (k == 1) {
            B.Batch memory b = B.batch(n);
            return (
                b.publicData,
                b.commitment,
                b.proof,
                SettlementBlobBridge.Blob(0, b.blobCommitment, b.blobProof)
            );
        }
        B2.Batch memory b2 = B2.batch(n);
        return (
            b2.publicData,
            b2.commitment,
            b2.proof,
            SettlementBlobBridge.Blob(0, b2.blobCommitment, b2.blobProof)
        );
    }

    /// The gas of one verifyProof call on the k-blob fixture's batch n.
    function verifierGas(IVerifier v, uint256 k) internal returns (uint256) {
        (, uint256 c, bytes memory proof,) = blobBatch(k, 1);
        uint256[3] memory input = k == 1
            ? [c, B.batch(1).challenge, B.batch(1).evaluation]
            : [c, B2.batch(1).challenge, B2.batch(1).evaluation];
        v.verifyProof(proof, input);
        return vm.lastCallGas().gasTotalUsed;
    }
}
