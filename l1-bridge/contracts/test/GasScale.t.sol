// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {console} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVerifier} from "../src/IVerifier.sol";
import {SettlementBlobBridge} from "../src/SettlementBlobBridge.sol";
import {SettlementBlobPairBridge} from "../src/SettlementBlobPairBridge.sol";
import {SettlementBridge} from "../src/SettlementBridge.sol";
import {SettlementData as D} from "../src/SettlementData.sol";
import {TestCollateral} from "../src/devnet/TestCollateral.sol";
import {BridgeActors} from "./SettlementSetUp.sol";
import {AcceptingVerifier, ProofInputs} from "./SyntheticBatches.sol";
import {AggregateFixture as A} from "./fixtures/AggregateFixture.sol";
import {AggregateVerifier} from "./fixtures/AggregateVerifier.sol";
import {GasScaleFixture as G} from "./fixtures/GasScaleFixture.sol";

/// The bridge's side of one submitBlobBatches transaction of k segments of the 256-trade `-blob`
/// circuit (G.CIRCUIT: one deposit, one withdrawal, one market row, the owner header and one blob
/// section), each segment's blob carried and opened with its real KZG proof (GasScaleFixture, Go).
/// The chain is consistent: each segment starts from the root the one before left, with the next
/// batch number, a later time, and consumes the next deposit of the queue (queued on L1 by its own
/// sender); each pays a withdrawal to a recipient not credited before and publishes BTC's market
/// row, stored before by the batch submitted ahead of the aggregate (so the row is updated, as on
/// a running bridge). The aggregate verifier is an accepting stub installed by the timelock as a
/// real one is; its own gas is measured beside the real Tiny aggregate's verifier, the same way.
///
/// Not isolated (forge's isolated calls lose the blob hashes): setUp prepares the bridge, and each
/// test function makes the one call, so the call meets L1's cold accounts and storage as the
/// transaction would (each test function is a transaction of its own). The transaction's intrinsic
/// gas is computed from its calldata: 21,000, 4 per zero byte and 16 per other byte (Cancun, the
/// fork foundry.toml sets); Prague's EIP-7623 floor (10 per token) is computed and shown not to bind.
///
/// With pairs() the same on a SettlementBlobPairBridge: the segments share blobs two by two (batch
/// n in slot n % 2 of GasScaleFixture's pair n / 2, batch 1 alone in pair 0's slot 0), so k segments
/// carry k / 2 blobs, each opened once.
abstract contract GasScaleSetUp is BridgeActors {
    /// The Cancun/Prague calldata prices and EIP-7623's floor price per token.
    uint256 internal constant TX_BASE = 21_000;
    uint256 internal constant FLOOR_PER_TOKEN = 10;

    TestCollateral internal token;
    TimelockController internal timelock;
    SettlementBlobBridge internal bridge;
    IVerifier internal aggregateStub;

    /// What one contract measures: k segments; whether each consumes a deposit and pays a
    /// withdrawal (a full batch of the mix does both; the variants without measure what each
    /// costs); whether they share blobs two by two (a SettlementBlobPairBridge).
    struct Shape {
        uint256 k;
        bool deposit;
        bool withdrawal;
        bool pairs;
    }

    function shape() internal pure virtual returns (Shape memory);

    function segments() internal pure returns (uint256) {
        return shape().k;
    }

    function pairs() internal pure returns (bool) {
        return shape().pairs;
    }

    function fills() internal pure returns (bool deposit, bool withdrawal) {
        Shape memory s = shape();
        return (s.deposit, s.withdrawal);
    }

    /// The figures' prefix: k and which slots are filled.
    function label() internal pure returns (string memory) {
        (bool deposit, bool withdrawal) = fills();
        string memory slots = deposit
            ? (withdrawal ? "" : " (deposit, no withdrawal)")
            : (withdrawal ? " (withdrawal, no deposit)" : " (no deposit, no withdrawal)");
        return string.concat(pairs() ? "pairs k=" : "k=", vm.toString(segments()), slots, ": ");
    }

    function layout() internal pure returns (D.Layout memory) {
        return
            D.Layout(
                G.DEPOSIT_SLOTS, G.WITHDRAWAL_SLOTS, G.MARKET_ROWS, 0, 0, G.ACCOUNT_ROWS, false
            );
    }

    function setUp() public {
        token = new TestCollateral();
        timelock = newTimelock();
        bridge = pairs() ? newPairBridge() : newBlobBridge();
        vm.warp(NOW);
        for (uint256 n = 1; n <= segments() + 1; n++) {
            depositAs(bridge, sender(n), account(n), key(n, 0), key(n, 1), amount(n));
        }
        aggregateStub = new AcceptingVerifier();
        // Batch 1 alone (its market row then stored, as on a running bridge): a pair segment only
        // as a one-segment aggregate, alone in its blob.
        vm.blobhashes(hashes(1, 1));
        if (pairs()) {
            installAggregate(1);
            vm.prank(OPERATOR);
            bridge.submitBlobBatches(batch(1), 0, "", openings(1, 1));
        } else {
            vm.prank(OPERATOR);
            bridge.submitBlobBatch(batch(1), 0, "", openings(1, 1));
        }
        installAggregate(segments());
        assertEq(address(bridge.aggregateVerifier()), address(aggregateStub));
    }

    function newBlobBridge() internal returns (SettlementBlobBridge) {
        return new SettlementBlobBridge(
            IERC20(address(token)),
            new AcceptingVerifier(),
            layout(),
            new AcceptingVerifier(),
            EXIT_DEADLINE,
            OPERATOR,
            timelock,
            GUARDIAN,
            root(0),
            GENESIS_MARKETS,
            VERIFY_GAS,
            1
        );
    }

    function newPairBridge() internal returns (SettlementBlobBridge) {
        return new SettlementBlobPairBridge(
            IERC20(address(token)),
            new AcceptingVerifier(),
            layout(),
            new AcceptingVerifier(),
            EXIT_DEADLINE,
            OPERATOR,
            timelock,
            GUARDIAN,
            root(0),
            GENESIS_MARKETS,
            VERIFY_GAS
        );
    }

    /// The accepting stub as the aggregate verifier of k segments, through the timelock.
    function installAggregate(uint256 k) internal {
        bytes memory call =
            abi.encodeCall(SettlementBridge.setAggregateVerifier, (aggregateStub, k));
        vm.prank(PROPOSER);
        timelock.schedule(address(bridge), 0, call, bytes32(0), bytes32(0), DELAY);
        vm.warp(block.timestamp + DELAY);
        vm.prank(PROPOSER);
        timelock.execute(address(bridge), 0, call, bytes32(0), bytes32(0));
    }

    function root(uint256 n) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode("root", n))) >> 3;
    }

    function sender(uint256 n) internal pure returns (address) {
        return address(uint160(uint256(keccak256(abi.encode("sender", n)))));
    }

    function recipient(uint256 n) internal pure returns (address) {
        return address(uint160(uint256(keccak256(abi.encode("recipient", n)))));
    }

    /// Accounts of a 256-trade batch's world (3 bytes: the record's account field).
    function account(uint256 n) internal pure returns (uint256) {
        return 100 + 131 * n;
    }

    function key(uint256 n, uint256 coordinate) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode("key", n, coordinate))) >> 3;
    }

    /// 5,000 to 5,016 tokens of 6 decimals.
    function amount(uint256 n) internal pure returns (uint256) {
        return (5_000 + n) * 1e6;
    }

    /// Batch n's public data, as the bridge expects it after batch n - 1: the header, the next
    /// deposit, a withdrawal, BTC's row (market 0, ticked, mark valid, rate, mark, funding index),
    /// the owner header (account root, market root, fee pool, funding pool, E), blob n - 1's section
    /// (with pairs(), its slot's section of its pair).
    function batch(uint256 n) internal view returns (uint256[] memory d) {
        D.Layout memory l = layout();
        d = new uint256[](length());
        d[D.CHAIN_ID] = block.chainid;
        d[D.CONTRACT] = uint160(address(bridge));
        d[D.BATCH_NUMBER] = n;
        d[D.BATCH_TIME] = (NOW - 60) * 1000 + n * 1_250;
        d[D.OLD_ROOT] = root(n - 1);
        d[D.NEW_ROOT] = root(n);
        (bool deposit, bool withdrawal) = fills();
        if (deposit) {
            d[D.DEPOSIT_START] = n - 1;
            d[D.DEPOSIT_COUNT] = 1;
            d[D.HEADER] = D.depositRecord(account(n), amount(n), sender(n));
            d[D.HEADER + 1] = key(n, 0);
            d[D.HEADER + 2] = key(n, 1);
        }
        if (withdrawal) {
            d[D.withdrawalsAt(l)] = uint256(uint160(recipient(n))) | (amount(n) / 2) << 160;
        }
        d[D.marketsAt(l)] = 1 << 8 | 1 << 9 | (2 ** 63 + 12) << 16 | (50_000 + n) * 1e6 << 80
            | (2 ** 63 + 7 * n) << 144;
        uint256 owner = D.ownerDataAt(l);
        d[owner] = uint256(keccak256(abi.encode("accounts", n))) >> 3;
        d[owner + 1] = uint256(keccak256(abi.encode("markets", n))) >> 3;
        d[owner + 2] = 1_234_567 * n;
        d[owner + 3] = 7_654_321 * n;
        d[owner + 4] = key(n, 2);
        d[owner + 5] = key(n, 3);
        if (pairs()) {
            uint256[7] memory section = G.pair(n / 2).sections[slot(n)];
            for (uint256 j = 0; j < D.BLOB_PAIR_SECTION; j++) {
                d[D.blobSectionAt(l) + j] = section[j];
            }
        } else {
            uint256[5] memory section = G.blob(n - 1).section;
            for (uint256 j = 0; j < D.BLOB_SECTION; j++) {
                d[D.blobSectionAt(l) + j] = section[j];
            }
        }
    }

    /// A segment's public data length: with its blob section or its pair section.
    function length() internal pure returns (uint256) {
        return pairs() ? G.PAIR_LENGTH : G.LENGTH;
    }

    /// Batch n's slot in its pair (batch 1 alone in pair 0's slot 0).
    function slot(uint256 n) internal pure returns (uint256) {
        return n == 1 ? 0 : n % 2;
    }

    /// The blob batch n's section names, and whether batch n is the first of it (with pairs, a
    /// slot-1 batch shares its slot-0 neighbour's blob).
    function blobOf(uint256 n)
        internal
        pure
        returns (bool first, bytes32 vh, bytes memory commitment, bytes memory proof)
    {
        if (!pairs()) {
            G.Blob memory b = G.blob(n - 1);
            return (true, bytes32(b.section[0] << 128 | b.section[1]), b.commitment, b.proof);
        }
        G.Pair memory p = G.pair(n / 2);
        uint256[7] memory s = p.sections[0];
        return (slot(n) == 0, bytes32(s[0] << 128 | s[1]), p.commitment, p.proof);
    }

    /// The versioned hashes of batches `first` to `first + k - 1`'s blobs, in order.
    function hashes(uint256 first, uint256 k) internal pure returns (bytes32[] memory h) {
        bytes memory all;
        for (uint256 n = first; n < first + k; n++) {
            (bool opens, bytes32 vh,,) = blobOf(n);
            if (opens) all = bytes.concat(all, vh);
        }
        h = new bytes32[](all.length / 32);
        for (uint256 i = 0; i < h.length; i++) {
            h[i] = bytes32(slice32(all, i));
        }
    }

    function slice32(bytes memory b, uint256 i) private pure returns (bytes32 word) {
        assembly {
            word := mload(add(add(b, 32), mul(i, 32)))
        }
    }

    function openings(uint256 first, uint256 k)
        internal
        pure
        returns (SettlementBlobBridge.Blob memory o)
    {
        for (uint256 n = first; n < first + k; n++) {
            (bool opens,, bytes memory commitment, bytes memory proof) = blobOf(n);
            if (opens) {
                o.commitment = bytes.concat(o.commitment, commitment);
                o.proof = bytes.concat(o.proof, proof);
            }
        }
    }

    /// The submitBlobBatches calldata of batches 2 to k + 1, with the real Tiny aggregate's
    /// commitment and 384-byte proof as the proof's bytes (what the transaction carries).
    function aggregateCall() internal view returns (bytes memory) {
        return abi.encodeCall(
            SettlementBlobBridge.submitBlobBatches,
            (aggregateData(), A.AGG_COMMITMENT, A.AGG_PROOF, openings(2, segments()))
        );
    }

    /// D: batches 2 to k + 1's public data, in order.
    function aggregateData() internal view returns (uint256[] memory all) {
        uint256 k = segments();
        uint256 n = length();
        all = new uint256[](n * k);
        for (uint256 i = 0; i < k; i++) {
            uint256[] memory d = batch(i + 2);
            for (uint256 e = 0; e < n; e++) {
                all[i * n + e] = d[e];
            }
        }
    }

    /// 21,000 + 4 per zero byte + 16 per other byte, and EIP-7623's floor: 21,000 + 10 per token
    /// (a zero byte one token, another four).
    function intrinsic(bytes memory data) internal pure returns (uint256 standard, uint256 floor) {
        uint256 tokens;
        for (uint256 i = 0; i < data.length; i++) {
            tokens += data[i] == 0 ? 1 : 4;
        }
        return (TX_BASE + 4 * tokens, TX_BASE + FLOOR_PER_TOKEN * tokens);
    }

    function record(string memory name, uint256 value) internal {
        string memory full = string.concat(label(), name);
        console.log(full, value);
        vm.snapshotValue("GasScaleTest", full, value);
    }
}

/// The measurement: each k's contract below is one of these.
abstract contract GasScaleMeasured is GasScaleSetUp {
    /// One submitBlobBatches of k segments with their blobs (k, or k / 2 with pairs): the call's
    /// gas and the transaction's, and the bridge left as the k batches leave it.
    function test_gasOfKSegmentsOf256Trades() public {
        uint256 k = segments();
        assertEq(D.blobLength(layout(), 1), G.LENGTH, "Go's layout length is the bridge's");
        assertEq(D.pairLength(layout()), G.PAIR_LENGTH, "and its pair segment's");
        bytes memory data = aggregateCall();
        vm.blobhashes(hashes(2, k));
        vm.prank(OPERATOR);
        (bool ok, bytes memory reason) = address(bridge).call(data);
        if (!ok) {
            assembly {
                revert(add(reason, 32), mload(reason))
            }
        }
        uint256 call = vm.lastCallGas().gasTotalUsed;
        (uint256 standard, uint256 floor) = intrinsic(data);
        assertLt(floor, standard + call, "EIP-7623's floor does not bind");
        record("call (stub aggregate verifier)", call);
        record("intrinsic (21,000 + calldata)", standard);
        record("calldata bytes", data.length);
        record("transaction (stub aggregate verifier)", standard + call);

        assertEq(bridge.batchCount(), k + 1);
        assertEq(bridge.stateRoot(), root(k + 1));
        (bool deposit, bool withdrawal) = fills();
        assertEq(bridge.depositsConsumed(), deposit ? k + 1 : 0);
        for (uint256 n = 2; n <= k + 1; n++) {
            assertEq(bridge.claimable(recipient(n)), withdrawal ? amount(n) / 2 : 0);
        }
    }
}

/// The accepting stub's verifyProof and the real Tiny aggregate's verifier (3 public inputs, one
/// Groth16 commitment), each alone in a test function and cold, measured as AggregateProofTest
/// measures the real one (gasleft around the call): the figures above hold the stub's gas where a
/// real aggregate's transaction has its verifier's.
contract GasScaleVerifierTest is BridgeActors {
    IVerifier internal stub;
    IVerifier internal real;

    function setUp() public {
        stub = new AcceptingVerifier();
        real = IVerifier(address(new AggregateVerifier()));
    }

    function verifierGas(IVerifier v, string memory name) internal {
        uint256[3] memory input = ProofInputs.forData(A.AGG_COMMITMENT, A.aggregateData());
        bytes memory proof = A.AGG_PROOF;
        uint256 before = gasleft();
        v.verifyProof(proof, input);
        uint256 gas = before - gasleft();
        console.log(name, gas);
        vm.snapshotValue("GasScaleTest", name, gas);
    }

    function test_gasOfTheAcceptingStub() public {
        verifierGas(stub, "accepting stub verifyProof (cold)");
    }

    function test_gasOfTheRealTinyAggregateVerifier() public {
        verifierGas(real, "real Tiny aggregate verifyProof (cold)");
    }
}

contract GasScale1Test is GasScaleMeasured {
    function shape() internal pure override returns (Shape memory) {
        return Shape(1, true, true, false);
    }
}

contract GasScale2Test is GasScaleMeasured {
    function shape() internal pure override returns (Shape memory) {
        return Shape(2, true, true, false);
    }
}

contract GasScale4Test is GasScaleMeasured {
    function shape() internal pure override returns (Shape memory) {
        return Shape(4, true, true, false);
    }
}

contract GasScale8Test is GasScaleMeasured {
    function shape() internal pure override returns (Shape memory) {
        return Shape(8, true, true, false);
    }
}

contract GasScale12Test is GasScaleMeasured {
    function shape() internal pure override returns (Shape memory) {
        return Shape(12, true, true, false);
    }
}

contract GasScale16Test is GasScaleMeasured {
    function shape() internal pure override returns (Shape memory) {
        return Shape(16, true, true, false);
    }
}

/// k = 1 and 16 with the withdrawal slot unused, and with both slots unused: what a segment's
/// deposit and withdrawal cost apart from the rest of it.
contract GasScale1DepositOnlyTest is GasScaleMeasured {
    function shape() internal pure override returns (Shape memory) {
        return Shape(1, true, false, false);
    }
}

contract GasScale16DepositOnlyTest is GasScaleMeasured {
    function shape() internal pure override returns (Shape memory) {
        return Shape(16, true, false, false);
    }
}

contract GasScale1EmptySlotsTest is GasScaleMeasured {
    function shape() internal pure override returns (Shape memory) {
        return Shape(1, false, false, false);
    }
}

contract GasScale16EmptySlotsTest is GasScaleMeasured {
    function shape() internal pure override returns (Shape memory) {
        return Shape(16, false, false, false);
    }
}

/// One-blob segments at k = 6 and with both slots unused at k = 2, 4, 6, 12, beside the pairs
/// (the saving per pair is measured against these).
contract GasScale6Test is GasScaleMeasured {
    function shape() internal pure override returns (Shape memory) {
        return Shape(6, true, true, false);
    }
}

contract GasScale2EmptySlotsOneBlobTest is GasScaleMeasured {
    function shape() internal pure override returns (Shape memory) {
        return Shape(2, false, false, false);
    }
}

contract GasScale4EmptySlotsOneBlobTest is GasScaleMeasured {
    function shape() internal pure override returns (Shape memory) {
        return Shape(4, false, false, false);
    }
}

contract GasScale6EmptySlotsOneBlobTest is GasScaleMeasured {
    function shape() internal pure override returns (Shape memory) {
        return Shape(6, false, false, false);
    }
}

contract GasScale12EmptySlotsOneBlobTest is GasScaleMeasured {
    function shape() internal pure override returns (Shape memory) {
        return Shape(12, false, false, false);
    }
}

/// Pairs: k segments in k / 2 blobs, with both slots filled and unused (k = 12: 6 blobs, the most an
/// Osaka transaction carries).
contract GasScalePairs2Test is GasScaleMeasured {
    function shape() internal pure override returns (Shape memory) {
        return Shape(2, true, true, true);
    }
}

contract GasScalePairs4Test is GasScaleMeasured {
    function shape() internal pure override returns (Shape memory) {
        return Shape(4, true, true, true);
    }
}

contract GasScalePairs6Test is GasScaleMeasured {
    function shape() internal pure override returns (Shape memory) {
        return Shape(6, true, true, true);
    }
}

contract GasScalePairs12Test is GasScaleMeasured {
    function shape() internal pure override returns (Shape memory) {
        return Shape(12, true, true, true);
    }
}

contract GasScalePairs2EmptySlotsTest is GasScaleMeasured {
    function shape() internal pure override returns (Shape memory) {
        return Shape(2, false, false, true);
    }
}

contract GasScalePairs4EmptySlotsTest is GasScaleMeasured {
    function shape() internal pure override returns (Shape memory) {
        return Shape(4, false, false, true);
    }
}

contract GasScalePairs6EmptySlotsTest is GasScaleMeasured {
    function shape() internal pure override returns (Shape memory) {
        return Shape(6, false, false, true);
    }
}

contract GasScalePairs12EmptySlotsTest is GasScaleMeasured {
    function shape() internal pure override returns (Shape memory) {
        return Shape(12, false, false, true);
    }
}
