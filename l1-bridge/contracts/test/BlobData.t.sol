// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {BlobData} from "../src/BlobData.sol";
import {BlobFixture as F} from "./fixtures/BlobFixture.sol";

contract BlobDataHarness {
    function verifyOpening(
        uint256 index,
        uint256 z,
        uint256 y,
        bytes calldata commitment,
        bytes calldata proof
    ) external view returns (bytes32) {
        return BlobData.verifyOpening(index, z, y, commitment, proof);
    }
}

/// The point-evaluation precompile (Cancun) on openings the Go side made with go-eth-kzg and
/// Ethereum's trusted setup (BlobFixture.sol): the honest opening is accepted, every change to it
/// refused.
contract BlobDataTest is Test {
    BlobDataHarness internal harness;

    function setUp() public {
        harness = new BlobDataHarness();
    }

    function carry(bytes32 versionedHash) internal {
        bytes32[] memory hashes = new bytes32[](1);
        hashes[0] = versionedHash;
        vm.blobhashes(hashes);
    }

    function test_acceptsTheGoSidesOpening() public {
        carry(F.VERSIONED_HASH);
        uint256 before = gasleft();
        bytes32 vh = harness.verifyOpening(0, F.Z, F.Y, F.COMMITMENT, F.PROOF);
        emit log_named_uint("gas of verifyOpening (call included)", before - gasleft());
        assertEq(vh, F.VERSIONED_HASH);
    }

    function test_acceptsTheSecondBlobAtItsIndex() public {
        bytes32[] memory hashes = new bytes32[](2);
        (hashes[0], hashes[1]) = (F.VERSIONED_HASH, F.OTHER_VERSIONED_HASH);
        vm.blobhashes(hashes);
        assertEq(
            harness.verifyOpening(1, F.OTHER_Z, F.OTHER_Y, F.OTHER_COMMITMENT, F.OTHER_PROOF),
            F.OTHER_VERSIONED_HASH
        );
    }

    function test_refusesYOneOff() public {
        carry(F.VERSIONED_HASH);
        vm.expectRevert(
            abi.encodeWithSelector(
                BlobData.BlobOpeningRefused.selector, F.VERSIONED_HASH, F.Z, F.Y + 1
            )
        );
        harness.verifyOpening(0, F.Z, F.Y + 1, F.COMMITMENT, F.PROOF);
    }

    function test_refusesAnotherZ() public {
        carry(F.VERSIONED_HASH);
        vm.expectRevert(
            abi.encodeWithSelector(
                BlobData.BlobOpeningRefused.selector, F.VERSIONED_HASH, F.Z + 1, F.Y
            )
        );
        harness.verifyOpening(0, F.Z + 1, F.Y, F.COMMITMENT, F.PROOF);
    }

    /// The transaction carries another blob: the commitment is not its versioned hash's.
    function test_refusesAWrongVersionedHash() public {
        carry(F.OTHER_VERSIONED_HASH);
        vm.expectRevert(
            abi.encodeWithSelector(
                BlobData.BlobOpeningRefused.selector, F.OTHER_VERSIONED_HASH, F.Z, F.Y
            )
        );
        harness.verifyOpening(0, F.Z, F.Y, F.COMMITMENT, F.PROOF);
    }

    /// The carried blob's own commitment, with the opening (z, y, proof) of another blob.
    function test_refusesAnotherBlobsOpening() public {
        carry(F.OTHER_VERSIONED_HASH);
        vm.expectRevert(
            abi.encodeWithSelector(
                BlobData.BlobOpeningRefused.selector, F.OTHER_VERSIONED_HASH, F.Z, F.Y
            )
        );
        harness.verifyOpening(0, F.Z, F.Y, F.OTHER_COMMITMENT, F.PROOF);
    }

    /// y + BLS_MODULUS is the same scalar, but the precompile takes canonical values only.
    function test_refusesAnUnreducedY() public {
        carry(F.VERSIONED_HASH);
        uint256 y = F.Y + BlobData.BLS_MODULUS;
        vm.expectRevert(
            abi.encodeWithSelector(BlobData.BlobOpeningRefused.selector, F.VERSIONED_HASH, F.Z, y)
        );
        harness.verifyOpening(0, F.Z, y, F.COMMITMENT, F.PROOF);
    }

    function test_refusesAMissingBlob() public {
        vm.expectRevert(abi.encodeWithSelector(BlobData.NoBlob.selector, 0));
        harness.verifyOpening(0, F.Z, F.Y, F.COMMITMENT, F.PROOF);
        carry(F.VERSIONED_HASH);
        vm.expectRevert(abi.encodeWithSelector(BlobData.NoBlob.selector, 1));
        harness.verifyOpening(1, F.Z, F.Y, F.COMMITMENT, F.PROOF);
    }

    /// With too little gas a valid opening would fail inside the precompile: refused before the
    /// call, not reported as a refused opening.
    function test_refusesToCallThePrecompileWithTooLittleGas() public {
        carry(F.VERSIONED_HASH);
        vm.expectPartialRevert(BlobData.InsufficientGasForOpening.selector);
        harness.verifyOpening{gas: 45_000}(0, F.Z, F.Y, F.COMMITMENT, F.PROOF);
    }

    function test_refusesAShortProof() public {
        carry(F.VERSIONED_HASH);
        vm.expectRevert(abi.encodeWithSelector(BlobData.WrongPointLength.selector, 47));
        bytes memory proof = F.PROOF;
        assembly ("memory-safe") {
            mstore(proof, 47)
        }
        harness.verifyOpening(0, F.Z, F.Y, F.COMMITMENT, proof);
    }
}
