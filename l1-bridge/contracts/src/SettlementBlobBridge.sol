// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {BlobData} from "./BlobData.sol";
import {IVerifier} from "./IVerifier.sol";
import {SettlementBridge} from "./SettlementBridge.sol";
import {SettlementData} from "./SettlementData.sol";

/// @title SettlementBridge for a -blob settlement circuit: the owner rows in EIP-4844 blobs
/// @notice The same bridge, for a circuit whose owner-data rows are the data of `blobCount` blobs
/// the batch's transaction carries instead of public data elements (docs/bridge.md, "Owner data in
/// a blob"; `-blob` circuits have one, `-blob<k>` ones k, each holding its share of the rows in row
/// order). The public data ends with one blob section per blob (its versioned hash, z and y;
/// SettlementData.BLOB_SECTION); a batch comes with each blob's KZG commitment and opening proof
/// at its z. The bridge checks each opening with the point-evaluation precompile (BlobData), that
/// the versioned hashes in the public data are the carried blobs', in order, and that the
/// transaction carries no further blob, then everything SettlementBridge checks; the proof shows
/// each blob's share of the circuit's owner rows gives its y at its z. Batches without blobs
/// (submitBatch) are refused: their owner data would be on L1 nowhere.
contract SettlementBlobBridge is SettlementBridge {
    using SettlementData for SettlementData.Layout;

    /// @notice Where a batch's owner rows are: the index of its first blob in the transaction's
    /// blobs (blob j is at index + j, and the transaction carries none at index + blobCount), the
    /// blobs' KZG commitments and the KZG proofs of their values y at z (48 bytes each, blob j's at
    /// bytes 48 j: one of each for a one-blob circuit).
    struct Blob {
        uint256 index;
        bytes commitment;
        bytes proof;
    }

    /// @notice A batch's owner rows were published in the blob with this versioned hash (what an
    /// owner looks the blob up by, while consensus clients keep it: ~18 days); one event per blob,
    /// in blob order.
    event OwnerDataBlob(uint256 indexed batchNumber, bytes32 versionedHash);

    /// @notice The number of blobs each batch's owner rows fill (the circuit's blob count).
    uint256 public immutable blobCount;

    /// This bridge takes batches with their owner rows in a blob only (submitBlobBatch).
    error BlobBatchesOnly();
    /// The public data's versioned hash is not that of the blob the transaction carries at `index`.
    error WrongBlob(uint256 index, bytes32 carried);
    /// A blob bridge's circuit has account rows and no risk commitment.
    error NotABlobLayout(uint256 accountRows, bool riskCommitment);
    /// A blob count below 1 or above the account rows (each blob holds at least one row).
    error BlobCountOutOfRange(uint256 blobs, uint256 accountRows);
    /// The KZG commitments or proofs are not 48 bytes for each of the `blobs` blobs.
    error WrongOpeningsLength(uint256 blobs, uint256 commitmentBytes, uint256 proofBytes);
    /// The transaction carries a blob at `index`, after the batch's blobs.
    error ExtraBlob(uint256 index);

    /// @notice The arguments of SettlementBridge's constructor, then the circuit's blob count;
    /// `layout_` must have account rows and no risk commitment, and `blobs_` must be from 1 to its
    /// account rows. The count stays with the bridge: setVerifier keeps it.
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
        uint64 verifyGas_,
        uint256 blobs_
    )
        SettlementBridge(
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
            verifyGas_
        )
    {
        requireBlobLayout(layout_);
        if (blobs_ == 0 || blobs_ > layout_.accountRows) {
            revert BlobCountOutOfRange(blobs_, layout_.accountRows);
        }
        blobCount = blobs_;
    }

    /// @notice Whether this bridge takes batches with their owner rows in a blob: true here.
    function blobBatches() external pure override returns (bool) {
        return true;
    }

    /// @notice Refused: this bridge's batches carry their owner rows in a blob (submitBlobBatch).
    function submitBatch(uint256[] calldata, uint256, bytes calldata) external pure override {
        revert BlobBatchesOnly();
    }

    /// @notice Refused: this bridge's batches carry their owner rows in blobs.
    function submitBatches(uint256[] calldata, uint256, bytes calldata) external pure override {
        revert BlobBatchesOnly();
    }

    /// @notice Operator only, not while paused or frozen: accepts a settlement batch whose owner
    /// rows are in blobs `blob.index` to `blob.index + blobCount - 1` of this transaction. Checks
    /// each blob's opening at its section's z and y (the point-evaluation precompile,
    /// BlobData.verifyOpening), that the section's versioned hash is that blob's and that no blob
    /// follows them, then as SettlementBridge.submitBatch; emits OwnerDataBlob per blob.
    /// @param publicData the batch's public data d, ending with the blob sections
    /// @param commitment the circuit's commitment c = Poseidon2(TAG_PUBDATA, d)
    /// @param proof the Groth16 proof in the verifier's calldata encoding (with its commitment)
    /// @param blob where the blobs holding the owner rows are, and their openings
    function submitBlobBatch(
        uint256[] calldata publicData,
        uint256 commitment,
        bytes calldata proof,
        Blob calldata blob
    ) external virtual submission {
        SettlementData.Layout memory l = layout();
        uint256 n = l.blobLength(blobCount);
        if (publicData.length != n) revert WrongPublicDataLength(n, publicData.length);
        requireOpenings(blob, blobCount);
        bytes32[] memory versionedHashes = checkBlobs(publicData, l.blobSectionAt(), blob, 0);
        (uint256 batchNumber, uint256 consumed) = check(publicData, l);
        verifyBound(verifier, publicData, commitment, proof);
        accept(publicData, l, batchNumber, consumed);
        logBlobs(batchNumber, versionedHashes);
    }

    /// @notice Operator only, not while paused or frozen, once governance installed an aggregate
    /// verifier: accepts `aggregateSegments` consecutive batches with one aggregate proof, as
    /// SettlementBridge.submitBatches does, each batch's owner rows in `blobCount` blobs of this
    /// transaction: batch i's (from 0) at `blob.index + i * blobCount` onwards, no blob after the
    /// last batch's. Each batch's blobs are checked as submitBlobBatch checks them.
    /// @param publicData D = d_1 || ... || d_k, each d_i a batch's public data ending with its
    /// blob sections
    /// @param commitment the aggregate circuit's commitment C to D
    /// @param proof the aggregate's Groth16 proof in its verifier's calldata encoding
    /// @param blob where the first batch's first blob is, and every blob's opening in blob order
    function submitBlobBatches(
        uint256[] calldata publicData,
        uint256 commitment,
        bytes calldata proof,
        Blob calldata blob
    ) external virtual submission {
        SettlementData.Layout memory l = layout();
        (IVerifier v, uint256 k) = aggregate();
        uint256 n = l.blobLength(blobCount);
        if (publicData.length != n * k) revert WrongPublicDataLength(n * k, publicData.length);
        requireOpenings(blob, blobCount * k);
        // As submitBatches: the segments before the verifier, so a replay is refused cheaply.
        for (uint256 i = 0; i < k; i++) {
            acceptWithBlobs(publicData[i * n:(i + 1) * n], l, blob, i * blobCount);
        }
        verifyBound(v, publicData, commitment, proof);
    }

    /// Reverts unless blob carries an opening for each of `blobs` blobs and the transaction no
    /// blob after them.
    function requireOpenings(Blob calldata blob, uint256 blobs) internal view {
        uint256 width = BlobData.POINT_LENGTH;
        if (blob.commitment.length != width * blobs || blob.proof.length != width * blobs) {
            revert WrongOpeningsLength(blobs, blob.commitment.length, blob.proof.length);
        }
        if (blobhash(blob.index + blobs) != bytes32(0)) revert ExtraBlob(blob.index + blobs);
    }

    /// Checks one batch's blobs (its openings from the `first`-th on) and its data, and accepts
    /// it: an aggregate's segment, its proof already checked (submitBlobBatch checks a single
    /// batch's proof between these checks and its effects).
    function acceptWithBlobs(
        uint256[] calldata d,
        SettlementData.Layout memory l,
        Blob calldata blob,
        uint256 first
    ) internal {
        bytes32[] memory versionedHashes = checkBlobs(d, l.blobSectionAt(), blob, first);
        (uint256 batchNumber, uint256 consumed) = check(d, l);
        accept(d, l, batchNumber, consumed);
        logBlobs(batchNumber, versionedHashes);
    }

    /// One OwnerDataBlob event per blob of an accepted batch, in blob order.
    function logBlobs(uint256 batchNumber, bytes32[] memory versionedHashes) internal {
        for (uint256 j = 0; j < versionedHashes.length; j++) {
            emit OwnerDataBlob(batchNumber, versionedHashes[j]);
        }
    }

    /// @notice Governance only: as SettlementBridge.setVerifier, for a layout with account rows, no
    /// risk commitment and at least `blobCount` account rows (the count stays).
    function setVerifier(IVerifier next, SettlementData.Layout calldata nextLayout)
        external
        override
        onlyGovernance
    {
        requireBlobLayout(nextLayout);
        if (blobCount > nextLayout.accountRows) {
            revert BlobCountOutOfRange(blobCount, nextLayout.accountRows);
        }
        install(next, nextLayout);
    }

    /// Checks each of a batch's blobs j: the carried blob at index + first + j opens, under the
    /// (first + j)-th commitment and proof of `blob`, to section j's y at its z, and the section's
    /// versioned hash is that blob's. Returns the versioned hashes in blob order.
    function checkBlobs(uint256[] calldata d, uint256 at, Blob calldata blob, uint256 first)
        internal
        view
        returns (bytes32[] memory versionedHashes)
    {
        uint256 width = BlobData.POINT_LENGTH;
        versionedHashes = new bytes32[](blobCount);
        for (uint256 j = 0; j < versionedHashes.length; j++) {
            uint256 s = at + j * SettlementData.BLOB_SECTION;
            uint256 b = first + j;
            bytes32 vh = BlobData.verifyOpening(
                blob.index + b,
                d[s + 2],
                d[s + 3] << 128 | d[s + 4],
                blob.commitment[width * b:width * (b + 1)],
                blob.proof[width * b:width * (b + 1)]
            );
            if (d[s] != uint256(vh) >> 128 || d[s + 1] != uint256(vh) & type(uint128).max) {
                revert WrongBlob(blob.index + b, vh);
            }
            versionedHashes[j] = vh;
        }
    }

    function requireBlobLayout(SettlementData.Layout memory l) internal pure {
        if (l.accountRows == 0 || l.riskCommitment) {
            revert NotABlobLayout(l.accountRows, l.riskCommitment);
        }
    }
}
