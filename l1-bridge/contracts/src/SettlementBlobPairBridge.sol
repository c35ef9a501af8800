// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {BlobData} from "./BlobData.sol";
import {IVerifier} from "./IVerifier.sol";
import {SettlementBlobBridge} from "./SettlementBlobBridge.sol";
import {SettlementData} from "./SettlementData.sol";

/// @title SettlementBlobBridge for segments that share blobs two by two
/// @notice A blob has two slots of 2,048 elements; a pair segment's owner rows fill one slot
/// (docs/aggregation.md, "Next: two segments in one blob"). Its public data ends with a pair
/// section (SettlementData.BLOB_PAIR_SECTION: vh, z, slot, y_s, c_rows) instead of a blob section.
/// Batches come only as an aggregate's segments (submitBlobBatches), grouped by blob: a slot-0
/// segment, optionally followed by a slot-1 segment naming the same blob and the same z. Each
/// group's blob, carried by the transaction in group order, is opened once at z for y = y_0 + y_1
/// mod BLS_MODULUS (y_1 = 0 for a segment alone in its blob). The bridge trusts z's derivation and
/// each share's value: the aggregate checks z = PairChallenge(c_rows_0, c_rows_1, vh) from the two
/// segments' own data and each inner proof binds its own y_s (so a sum split differently between
/// the two slots is the aggregate's to refuse, not the bridge's: it sees only the sum).
contract SettlementBlobPairBridge is SettlementBlobBridge {
    using SettlementData for SettlementData.Layout;

    /// Offsets in a pair section.
    uint256 internal constant VH_HI = 0;
    uint256 internal constant VH_LO = 1;
    uint256 internal constant Z = 2;
    uint256 internal constant SLOT = 3;
    uint256 internal constant Y_HI = 4;
    uint256 internal constant Y_LO = 5;

    /// A pair segment's z is bound to its blob's rows only by the aggregate (submitBlobBatches).
    error PairSegmentsNeedAnAggregate();
    /// A segment's slot is not 0 or 1.
    error SlotOutOfRange(uint256 segment, uint256 slot);
    /// A slot-1 segment that does not follow a slot-0 one (first, or after another slot-1).
    error SlotOneUnpaired(uint256 segment);
    /// The slot-1 segment `segment` names another blob than the slot-0 segment before it.
    error PairBlobsDiffer(uint256 segment);
    /// The slot-1 segment `segment` names another z than the slot-0 segment before it.
    error PairChallengesDiffer(uint256 segment, uint256 z0, uint256 z1);
    /// The blob of the group starting at `segment` was opened for an earlier group of the call.
    error BlobOpenedTwice(uint256 segment, bytes32 versionedHash);

    /// @notice SettlementBlobBridge's arguments, its blob count 1 (each segment one slot of a blob).
    constructor(
        IERC20 token_,
        IVerifier verifier_,
        SettlementData.Layout memory layout_,
        IVerifier exitVerifier_,
        uint256 exitDeadline_,
        address operator_,
        TimelockController governance_,
        address guardian_,
        uint256 genesisRoot,
        uint256 genesisMarkets_,
        uint64 verifyGas_
    )
        SettlementBlobBridge(
            token_,
            verifier_,
            layout_,
            exitVerifier_,
            exitDeadline_,
            operator_,
            governance_,
            guardian_,
            genesisRoot,
            genesisMarkets_,
            verifyGas_,
            1
        )
    {}

    /// @notice Refused: a pair segment's z is checked against its pair's rows by the aggregate only.
    function submitBlobBatch(uint256[] calldata, uint256, bytes calldata, Blob calldata)
        external
        pure
        override
    {
        revert PairSegmentsNeedAnAggregate();
    }

    /// @notice Operator only, not while paused or frozen, once governance installed an aggregate
    /// verifier: accepts its `aggregateSegments` consecutive pair segments with one aggregate proof,
    /// grouped by blob (a slot-0 segment, then optionally a slot-1 one naming the same blob and z).
    /// Group g's blob is the transaction's blob `blob.index + g`, opened once under the g-th
    /// commitment and proof of `blob` at z for the group's shares' sum; no blob follows the last
    /// group's, and no blob is opened for two groups. Then each segment as SettlementBridge checks
    /// it; emits OwnerDataBlob per segment.
    /// @param publicData D = d_1 || ... || d_k, each d_i a segment's public data ending with its
    /// pair section
    /// @param commitment the aggregate circuit's commitment C to D
    /// @param proof the aggregate's Groth16 proof in its verifier's calldata encoding
    /// @param blob where the first group's blob is, and each group's opening in group order
    function submitBlobBatches(
        uint256[] calldata publicData,
        uint256 commitment,
        bytes calldata proof,
        Blob calldata blob
    ) external override submission {
        SettlementData.Layout memory l = layout();
        (IVerifier v, uint256 k) = aggregate();
        uint256 n = l.pairLength();
        if (publicData.length != n * k) revert WrongPublicDataLength(n * k, publicData.length);
        bytes32[] memory opened = new bytes32[](blobsOf(publicData, n, l.blobSectionAt(), k));
        requireOpenings(blob, opened.length);
        uint256 i = 0;
        for (uint256 g = 0; g < opened.length; g++) {
            i = acceptGroup(publicData, l, n, i, blob, g, opened);
        }
        verifyBound(v, publicData, commitment, proof);
    }

    /// Opens group g's blob (its segments from the `first`-th: one, or two when the next is in
    /// slot 1), then checks and accepts each of its segments; returns the next group's first.
    function acceptGroup(
        uint256[] calldata publicData,
        SettlementData.Layout memory l,
        uint256 n,
        uint256 first,
        Blob calldata blob,
        uint256 g,
        bytes32[] memory opened
    ) internal returns (uint256 end) {
        uint256 at = l.blobSectionAt();
        end = (first + 2) * n <= publicData.length && publicData[(first + 1) * n + at + SLOT] == 1
            ? first + 2
            : first + 1;
        uint256[] calldata group = publicData[first * n:end * n];
        opened[g] = openGroup(group, n, at, first, blob, g, opened);
        acceptSegments(group, l, n, opened[g]);
    }

    /// Checks and accepts each segment of a group whose blob `vh` is opened.
    function acceptSegments(
        uint256[] calldata group,
        SettlementData.Layout memory l,
        uint256 n,
        bytes32 vh
    ) internal {
        for (uint256 at = 0; at < group.length; at += n) {
            uint256[] calldata d = group[at:at + n];
            (uint256 batchNumber, uint256 consumed) = check(d, l);
            accept(d, l, batchNumber, consumed);
            emit OwnerDataBlob(batchNumber, vh);
        }
    }

    /// The number of blobs k segments fill (one per slot-0 segment); reverts on a slot above 1 or a
    /// slot-1 segment not right after a slot-0 one.
    function blobsOf(uint256[] calldata publicData, uint256 n, uint256 at, uint256 k)
        internal
        pure
        returns (uint256 blobs)
    {
        for (uint256 i = 0; i < k; i++) {
            uint256 slot = publicData[i * n + at + SLOT];
            if (slot > 1) revert SlotOutOfRange(i, slot);
            if (slot == 0) {
                blobs++;
            } else if (i == 0 || publicData[(i - 1) * n + at + SLOT] != 0) {
                revert SlotOneUnpaired(i);
            }
        }
    }

    /// Opens group g's blob (the transaction's blob index + g) once at the group's z for its
    /// shares' sum, after checking a pair's two segments name the same blob and z, and returns its
    /// versioned hash, once it is the group's and no earlier group's. `first` is the group's first
    /// segment (for the errors).
    function openGroup(
        uint256[] calldata group,
        uint256 n,
        uint256 at,
        uint256 first,
        Blob calldata blob,
        uint256 g,
        bytes32[] memory opened
    ) internal view returns (bytes32 vh) {
        uint256 z = group[at + Z];
        uint256 y = share(group, at);
        if (group.length > n) {
            uint256 t = n + at;
            if (group[t + VH_HI] != group[at + VH_HI] || group[t + VH_LO] != group[at + VH_LO]) {
                revert PairBlobsDiffer(first + 1);
            }
            if (group[t + Z] != z) revert PairChallengesDiffer(first + 1, z, group[t + Z]);
            y = addmod(y, share(group, t), BlobData.BLS_MODULUS);
        }
        uint256 width = BlobData.POINT_LENGTH;
        vh = BlobData.verifyOpening(
            blob.index + g,
            z,
            y,
            blob.commitment[width * g:width * (g + 1)],
            blob.proof[width * g:width * (g + 1)]
        );
        if (
            group[at + VH_HI] != uint256(vh) >> 128
                || group[at + VH_LO] != uint256(vh) & type(uint128).max
        ) {
            revert WrongBlob(blob.index + g, vh);
        }
        for (uint256 j = 0; j < g; j++) {
            if (opened[j] == vh) revert BlobOpenedTwice(first, vh);
        }
    }

    /// A segment's share y_s from its section at `s` (high, low 128 bits).
    function share(uint256[] calldata d, uint256 s) internal pure returns (uint256) {
        return d[s + Y_HI] << 128 | d[s + Y_LO];
    }
}
