// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVerifier} from "../src/IVerifier.sol";
import {SettlementBlobBridge} from "../src/SettlementBlobBridge.sol";
import {SettlementBridge} from "../src/SettlementBridge.sol";
import {SettlementData as D} from "../src/SettlementData.sol";
import {TestCollateral} from "../src/devnet/TestCollateral.sol";
import {BridgeActors} from "./SettlementSetUp.sol";
import {ExitVerifier} from "./fixtures/ExitVerifier.sol";
import {SettlementBlobFixture as B} from "./fixtures/SettlementBlobFixture.sol";
import {SettlementBlobVerifier} from "./fixtures/SettlementBlobVerifier.sol";

/// The blob fixture's world: a SettlementBlobBridge with the TinyOwnerBlob circuit's verifier and
/// layout at the address the batches are signed for, with the fixture's deposits queued. Each
/// batch's transaction carries its blob (vm.blobhashes sets the versioned hashes; forge runs
/// `blobhash` and the point-evaluation precompile with Ethereum's trusted setup).
abstract contract SettlementBlobSetUp is BridgeActors {
    TestCollateral internal token;
    SettlementBridge internal bridge;

    function setUp() public virtual {
        token = new TestCollateral();
        vm.warp(NOW);
    }

    function blobLayout() internal pure returns (D.Layout memory) {
        return
            D.Layout(
                B.DEPOSIT_SLOTS, B.WITHDRAWAL_SLOTS, B.MARKET_ROWS, 0, 0, B.ACCOUNT_ROWS, false
            );
    }

    /// Deploys `blob` ? a SettlementBlobBridge : a SettlementBridge at the fixtures' address (the
    /// first contract their deployer creates) and queues the fixtures' deposits.
    function deploy(bool blob, IVerifier verifier, D.Layout memory layout, uint256 genesis)
        internal
    {
        IVerifier exitVerifier = IVerifier(address(new ExitVerifier()));
        TimelockController governance = newTimelock();
        // One constructor call for both bridges: SettlementBlobBridge takes SettlementBridge's
        // arguments, so the creation code is the only difference.
        bytes memory code = bytes.concat(
            blob ? type(SettlementBlobBridge).creationCode : type(SettlementBridge).creationCode,
            abi.encode(
                token,
                verifier,
                layout,
                exitVerifier,
                EXIT_DEADLINE,
                OPERATOR,
                governance,
                GUARDIAN,
                genesis,
                GENESIS_MARKETS,
                VERIFY_GAS
            )
        );
        address deployed;
        vm.prank(B.DEPLOYER);
        assembly {
            deployed := create(0, add(code, 32), mload(code))
        }
        assertTrue(deployed != address(0), "the bridge's constructor reverted");
        bridge = SettlementBridge(deployed);
        assertEq(address(bridge), B.BRIDGE, "the fixture is signed for another bridge address");
        B.Deposit[] memory deposits = B.deposits();
        for (uint256 i = 0; i < deposits.length; i++) {
            B.Deposit memory d = deposits[i];
            depositAs(bridge, d.sender, d.account, d.keyX, d.keyY, d.amount);
        }
    }

    function deployBlobBridge() internal {
        deploy(true, IVerifier(address(new SettlementBlobVerifier())), blobLayout(), B.GENESIS_ROOT);
    }

    /// The versioned hash batch n's blob section names (its two 128-bit halves).
    function versionedHash(uint256 n) internal pure returns (bytes32) {
        uint256[] memory d = B.batch(n).publicData;
        uint256 at = D.blobSectionAt(blobLayout());
        return bytes32(d[at] << 128 | d[at + 1]);
    }

    /// Makes the next call's transaction carry blobs with these versioned hashes.
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
