// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {BlobData} from "../src/BlobData.sol";
import {BlobFixture as F} from "./fixtures/BlobFixture.sol";
import {BlobProofFixture as P} from "./fixtures/BlobProofFixture.sol";
import {BlobVerifier} from "./fixtures/BlobVerifier.sol";

/// Both halves of a blob binding together, as a bridge would run them: the point-evaluation check
/// of the blob the transaction carries, then the proof of blob.Circuit with that blob's versioned
/// hash, z and y as public inputs (c, vh_hi, vh_lo, z, y_hi, y_lo).
contract BlobBoundData {
    BlobVerifier internal immutable verifier;

    constructor(BlobVerifier verifier_) {
        verifier = verifier_;
    }

    function submit(
        uint256 c,
        uint256 z,
        uint256 y,
        bytes calldata commitment,
        bytes calldata kzgProof,
        bytes calldata proof
    ) external view {
        bytes32 vh = BlobData.verifyOpening(0, z, y, commitment, kzgProof);
        uint256 low = type(uint128).max; // each value's low half, as Go splits it (high half: >> 128)
        uint256[6] memory inputs = [c, uint256(vh) >> 128, uint256(vh) & low, z, y >> 128, y & low];
        verifier.verifyProof(proof, inputs);
    }
}

contract BlobBindingTest is Test {
    BlobBoundData internal bridge;

    function setUp() public {
        bridge = new BlobBoundData(new BlobVerifier());
    }

    function carry(bytes32 versionedHash) internal {
        bytes32[] memory hashes = new bytes32[](1);
        hashes[0] = versionedHash;
        vm.blobhashes(hashes);
    }

    function test_acceptsDataProvenForTheCarriedBlob() public {
        carry(F.VERSIONED_HASH);
        uint256 before = gasleft();
        bridge.submit(P.C, F.Z, F.Y, F.COMMITMENT, F.PROOF, P.PROOF);
        emit log_named_uint("gas of the opening and the proof (call included)", before - gasleft());
    }

    /// The transaction carries another blob, opened honestly at its own challenge: the precompile
    /// accepts it, the proof (for the first blob's data) does not.
    function test_refusesTheProofForAnotherBlob() public {
        carry(F.OTHER_VERSIONED_HASH);
        vm.expectRevert(BlobVerifier.ProofInvalid.selector);
        bridge.submit(P.C, F.OTHER_Z, F.OTHER_Y, F.OTHER_COMMITMENT, F.OTHER_PROOF, P.PROOF);
    }

    /// The same blob and opening, the proof claimed for other data (another commitment).
    function test_refusesTheProofForOtherData() public {
        carry(F.VERSIONED_HASH);
        vm.expectRevert(BlobVerifier.ProofInvalid.selector);
        bridge.submit(P.C + 1, F.Z, F.Y, F.COMMITMENT, F.PROOF, P.PROOF);
    }

    /// The carried blob is the first one but the opening is refused: nothing reaches the verifier.
    function test_refusesAWrongOpeningBeforeTheProof() public {
        carry(F.VERSIONED_HASH);
        vm.expectRevert(
            abi.encodeWithSelector(
                BlobData.BlobOpeningRefused.selector, F.VERSIONED_HASH, F.Z, F.Y + 1
            )
        );
        bridge.submit(P.C, F.Z, F.Y + 1, F.COMMITMENT, F.PROOF, P.PROOF);
    }
}
