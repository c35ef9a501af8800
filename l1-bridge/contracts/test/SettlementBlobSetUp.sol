// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IVerifier} from "../src/IVerifier.sol";
import {SettlementBlobBridge} from "../src/SettlementBlobBridge.sol";
import {SettlementData as D} from "../src/SettlementData.sol";
import {SettlementOwnerSetUp} from "./SettlementOwnerSetUp.sol";
import {SettlementBlobFixture as B} from "./fixtures/SettlementBlobFixture.sol";
import {SettlementBlobVerifier} from "./fixtures/SettlementBlobVerifier.sol";

/// The blob fixtures' world: a SettlementBlobBridge with the TinyOwnerBlob circuit's verifier and
/// layout (or another blob count's verifier: SettlementBlob2Test) at the address the batches are
/// signed for, with the fixture's deposits queued (the owner fixture's: SettlementBlobTest checks
/// the two fixtures share them). Each batch's transaction carries its blobs (vm.blobhashes sets the
/// versioned hashes; forge runs `blobhash` and the point-evaluation precompile with Ethereum's
/// trusted setup).
abstract contract SettlementBlobSetUp is SettlementOwnerSetUp {
    function blobLayout() internal pure returns (D.Layout memory) {
        return
            D.Layout(
                B.DEPOSIT_SLOTS, B.WITHDRAWAL_SLOTS, B.MARKET_ROWS, 0, 0, B.ACCOUNT_ROWS, false
            );
    }

    function deployBlobBridge() internal {
        deployBlobBridge(IVerifier(address(new SettlementBlobVerifier())), 1);
    }

    /// A blob bridge for `blobs` blobs per batch with this verifier, at the fixture's address.
    function deployBlobBridge(IVerifier verifier, uint256 blobs) internal {
        deployAtFixtureAddress(
            type(SettlementBlobBridge).creationCode,
            verifier,
            blobLayout(),
            B.GENESIS_ROOT,
            abi.encode(blobs)
        );
    }

    /// The versioned hash batch n's blob section names (its two 128-bit halves).
    function versionedHash(uint256 n) internal pure returns (bytes32) {
        return versionedHashes(B.batch(n).publicData, 1)[0];
    }

    /// The versioned hashes the `blobs` blob sections of public data d name, in blob order.
    function versionedHashes(uint256[] memory d, uint256 blobs)
        internal
        pure
        returns (bytes32[] memory hashes)
    {
        hashes = new bytes32[](blobs);
        for (uint256 j = 0; j < blobs; j++) {
            uint256 at = D.blobSectionAt(blobLayout()) + j * D.BLOB_SECTION;
            hashes[j] = bytes32(d[at] << 128 | d[at + 1]);
        }
    }

    /// Makes the next call's transaction carry one blob with this versioned hash.
    function carry(bytes32 first) internal {
        bytes32[] memory hashes = new bytes32[](1);
        hashes[0] = first;
        vm.blobhashes(hashes);
    }

    function opening(uint256 n) internal pure returns (SettlementBlobBridge.Blob memory) {
        B.Batch memory b = B.batch(n);
        return SettlementBlobBridge.Blob(0, b.blobCommitment, b.blobProof);
    }

    function submission(uint256[] memory d, uint256 c, bytes memory proof, uint256 blobOf)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodeCall(SettlementBlobBridge.submitBlobBatch, (d, c, proof, opening(blobOf)));
    }
}
