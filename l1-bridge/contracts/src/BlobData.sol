// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title The bridge's half of binding data published in an EIP-4844 blob
/// @notice A blob is 4096 BLS12-381 scalars, the evaluations of a polynomial p (EIP-4844). L1 keeps
/// only its versioned hash (`blobhash(i)` in the transaction that carries it) and checks an opening
/// p(z) = y with the point-evaluation precompile. The proof's half (circuits/blob, Go) shows that
/// the data the circuit committed to (c) give the same y at z = H(TAG_BLOB, c, versioned hash);
/// the bridge passes the versioned hash, z and y to the proof as public inputs. Used by
/// SettlementBlobBridge (docs/bridge.md, "Owner data in a blob").
library BlobData {
    /// EIP-4844's point-evaluation precompile.
    address internal constant POINT_EVALUATION = address(0x0a);
    /// What the precompile returns on success: FIELD_ELEMENTS_PER_BLOB and BLS_MODULUS.
    uint256 internal constant FIELD_ELEMENTS_PER_BLOB = 4096;
    uint256 internal constant BLS_MODULUS =
        52435875175126190479447740508185965837690552500527637822603658699938581184513;
    /// The precompile's price (EIP-4844). A call is given exactly this: a failing precompile
    /// consumes all the gas it was given, and by default that would be nearly the whole transaction's.
    uint256 internal constant POINT_EVALUATION_GAS = 50_000;
    /// What the CALL itself may cost on top (warm precompile, memory), kept back beside 1/64.
    uint256 internal constant CALL_RESERVE = 1000;
    /// A KZG commitment or proof: a compressed BLS12-381 G1 point.
    uint256 internal constant POINT_LENGTH = 48;

    /// The transaction carries no blob at this index (`blobhash(index)` is 0).
    error NoBlob(uint256 index);
    /// A commitment or proof that is not 48 bytes.
    error WrongPointLength(uint256 length);
    /// Too little gas left to give the precompile its price: a valid opening would fail and be
    /// reported as refused.
    error InsufficientGasForOpening(uint256 needed, uint256 available);
    /// The precompile refused the opening: the commitment is not the blob's (its versioned hash
    /// differs), z or y is not below BLS_MODULUS, or the blob does not open to y at z.
    error BlobOpeningRefused(bytes32 versionedHash, uint256 z, uint256 y);

    /// @notice Checks that blob `index` of this transaction opens to `y` at `z` under `commitment`
    /// and `proof`, and returns its versioned hash. Reverts NoBlob, WrongPointLength,
    /// InsufficientGasForOpening or BlobOpeningRefused.
    function verifyOpening(
        uint256 index,
        uint256 z,
        uint256 y,
        bytes calldata commitment,
        bytes calldata proof
    ) internal view returns (bytes32 versionedHash) {
        versionedHash = blobhash(index);
        if (versionedHash == bytes32(0)) revert NoBlob(index);
        if (commitment.length != POINT_LENGTH) revert WrongPointLength(commitment.length);
        if (proof.length != POINT_LENGTH) revert WrongPointLength(proof.length);
        bytes memory input = abi.encodePacked(versionedHash, z, y, commitment, proof);
        uint256 needed = POINT_EVALUATION_GAS * 64 / 63 + CALL_RESERVE;
        if (gasleft() < needed) revert InsufficientGasForOpening(needed, gasleft());
        (bool ok, bytes memory out) = POINT_EVALUATION.staticcall{gas: POINT_EVALUATION_GAS}(input);
        if (!ok || out.length != 64) revert BlobOpeningRefused(versionedHash, z, y);
        (uint256 elements, uint256 modulus) = abi.decode(out, (uint256, uint256));
        if (elements != FIELD_ELEMENTS_PER_BLOB || modulus != BLS_MODULUS) {
            revert BlobOpeningRefused(versionedHash, z, y);
        }
    }
}
