// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {BlobData} from "./BlobData.sol";
import {IVerifier} from "./IVerifier.sol";
import {SettlementBridge} from "./SettlementBridge.sol";
import {SettlementData} from "./SettlementData.sol";

/// @title SettlementBridge for a -blob settlement circuit: the owner rows in an EIP-4844 blob
/// @notice The same bridge, for a circuit whose owner-data rows are the data of a blob the batch's
/// transaction carries instead of public data elements (docs/bridge.md, "Owner data in a blob").
/// The public data ends with the blob section (the blob's versioned hash, z and y;
/// SettlementData.BLOB_SECTION); a batch comes with the blob's KZG commitment and the opening proof
/// at z. The bridge checks the opening with the point-evaluation precompile (BlobData), that the
/// versioned hash in the public data is the carried blob's (`blobhash`), then everything
/// SettlementBridge checks; the proof shows the circuit's owner rows give y at z. Batches without a
/// blob (submitBatch) are refused: their owner data would be on L1 nowhere.
contract SettlementBlobBridge is SettlementBridge {
    using SettlementData for SettlementData.Layout;

    /// @notice Where a batch's owner rows are: the index of the blob in the transaction's blobs, the
    /// blob's KZG commitment and the KZG proof of its value y at z (48 bytes each).
    struct Blob {
        uint256 index;
        bytes commitment;
        bytes proof;
    }

    /// @notice A batch's owner rows were published in the blob with this versioned hash (what an
    /// owner looks the blob up by, while consensus clients keep it: ~18 days).
    event OwnerDataBlob(uint256 indexed batchNumber, bytes32 versionedHash);

    /// This bridge takes batches with their owner rows in a blob only (submitBlobBatch).
    error BlobBatchesOnly();
    /// The public data's versioned hash is not that of the blob the transaction carries at `index`.
    error WrongBlob(uint256 index, bytes32 carried);
    /// A blob bridge's circuit has account rows and no risk commitment.
    error NotABlobLayout(uint256 accountRows, bool riskCommitment);

    /// @notice The arguments of SettlementBridge's constructor; `layout_` must have account rows
    /// and no risk commitment.
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
    }

    /// @notice Whether this bridge takes batches with their owner rows in a blob: true here.
    function blobBatches() external pure override returns (bool) {
        return true;
    }

    /// @notice Refused: this bridge's batches carry their owner rows in a blob (submitBlobBatch).
    function submitBatch(uint256[] calldata, uint256, bytes calldata) external pure override {
        revert BlobBatchesOnly();
    }

    /// @notice Operator only, not while paused or frozen: accepts a settlement batch whose owner
    /// rows are in blob `blob.index` of this transaction. Checks the blob's opening at the public
    /// data's z and y (the point-evaluation precompile, BlobData.verifyOpening) and that the public
    /// data's versioned hash is that blob's, then as SettlementBridge.submitBatch; emits
    /// OwnerDataBlob.
    /// @param publicData the batch's public data d, ending with the blob section
    /// @param commitment the circuit's commitment c = Poseidon2(TAG_PUBDATA, d)
    /// @param proof the Groth16 proof in the verifier's calldata encoding (with its commitment)
    /// @param blob the blob that holds the owner rows and its opening
    function submitBlobBatch(
        uint256[] calldata publicData,
        uint256 commitment,
        bytes calldata proof,
        Blob calldata blob
    ) external {
        requireNotFrozen();
        requireSubmitter();
        SettlementData.Layout memory l = layout();
        uint256 expectedLength = l.blobLength();
        if (publicData.length != expectedLength) {
            revert WrongPublicDataLength(expectedLength, publicData.length);
        }
        bytes32 versionedHash = checkBlob(publicData, l.blobSectionAt(), blob);
        uint256 batchNumber = checkHeader(publicData);
        uint256 consumed = checkDeposits(publicData, l.depositSlots);
        checkRequests(publicData, l);
        verifyBound(verifier, publicData, commitment, proof);
        accept(publicData, l, batchNumber, consumed);
        emit OwnerDataBlob(batchNumber, versionedHash);
    }

    /// @notice Governance only: as SettlementBridge.setVerifier, for a layout with account rows and
    /// no risk commitment.
    function setVerifier(IVerifier next, SettlementData.Layout calldata nextLayout)
        external
        override
        onlyGovernance
    {
        requireBlobLayout(nextLayout);
        install(next, nextLayout);
    }

    /// Checks the opening of the carried blob at the blob section's z and y, and that the section's
    /// versioned hash is the blob's; returns it.
    function checkBlob(uint256[] calldata d, uint256 at, Blob calldata blob)
        internal
        view
        returns (bytes32 versionedHash)
    {
        uint256 y = d[at + 3] << 128 | d[at + 4];
        versionedHash =
            BlobData.verifyOpening(blob.index, d[at + 2], y, blob.commitment, blob.proof);
        uint256 vh = uint256(versionedHash);
        if (d[at] != vh >> 128 || d[at + 1] != vh & type(uint128).max) {
            revert WrongBlob(blob.index, versionedHash);
        }
    }

    function requireBlobLayout(SettlementData.Layout memory l) internal pure {
        if (l.accountRows == 0 || l.riskCommitment) {
            revert NotABlobLayout(l.accountRows, l.riskCommitment);
        }
    }
}
