// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Test, console} from "forge-std/Test.sol";
import {PublicData} from "../src/PublicData.sol";
import {SettlementVerifier} from "./fixtures/SettlementVerifier.sol";
import {SettlementFixture as F} from "./fixtures/SettlementFixture.sol";

/// Exposes the library on calldata, as the bridge will use it.
contract PublicDataHarness {
    function bind(uint256 c, uint256[] calldata d) external pure returns (uint256 z, uint256 y) {
        z = PublicData.challenge(c, d);
        y = PublicData.evaluate(d, z);
    }

    /// Gas the binding itself uses (without the call and calldata around it).
    function bindGas(uint256 c, uint256[] calldata d) external view returns (uint256 used) {
        uint256 before = gasleft();
        PublicData.evaluate(d, PublicData.challenge(c, d));
        used = before - gasleft();
    }
}

/// A real settlement proof (circuits/cmd/fixtures) checked on the EVM with the public inputs the
/// bridge derives from the batch's public data.
contract SettlementProofTest is Test {
    SettlementVerifier internal verifier;
    PublicDataHarness internal harness;

    function setUp() public {
        verifier = new SettlementVerifier();
        harness = new PublicDataHarness();
    }

    /// The chain's second batch: a trade, a withdrawal and a refunded deposit.
    function batch() internal pure returns (F.Batch memory) {
        return F.batch(2);
    }

    function inputs(uint256[] memory d) internal view returns (uint256[3] memory) {
        (uint256 z, uint256 y) = harness.bind(batch().commitment, d);
        return [batch().commitment, z, y];
    }

    function test_verifierIsBoundToTheFixturesKeys() public view {
        assertEq(verifier.verifyingKeyHash(), F.VK_HASH);
    }

    function test_solidityDerivesTheChallengeAndEvaluationGoDerived() public view {
        for (uint256 n = 1; n <= F.BATCHES; n++) {
            F.Batch memory b = F.batch(n);
            (uint256 z, uint256 y) = harness.bind(b.commitment, b.publicData);
            assertEq(z, b.challenge);
            assertEq(y, b.evaluation);
        }
    }

    function test_verifiesTheBatchProof() public view {
        uint256[3] memory input = inputs(batch().publicData);
        bytes memory proof = batch().proof;
        uint256 before = gasleft();
        verifier.verifyProof(proof, input);
        console.log("verifyProof (3 public inputs) gas:", before - gasleft());
    }

    function test_rejectsTheProofForAnotherBatchNumber() public {
        uint256[] memory d = batch().publicData;
        d[2] = batch().number + 1;
        uint256[3] memory input = inputs(d);
        vm.expectRevert(SettlementVerifier.ProofInvalid.selector);
        verifier.verifyProof(batch().proof, input);
    }

    function test_rejectsTheProofForAnotherNewRoot() public {
        uint256[] memory d = batch().publicData;
        d[5] = batch().oldRoot;
        uint256[3] memory input = inputs(d);
        vm.expectRevert(SettlementVerifier.ProofInvalid.selector);
        verifier.verifyProof(batch().proof, input);
    }

    function test_rejectsAnUnreducedElement() public {
        uint256[] memory d = batch().publicData;
        d[0] += PublicData.R;
        vm.expectRevert(abi.encodeWithSelector(PublicData.UnreducedElement.selector, 0));
        harness.bind(batch().commitment, d);
    }

    /// Gas of deriving (z, y) for public data of n elements (the per-element cost of the binding).
    function bindingGas(uint256 n) internal view returns (uint256) {
        uint256[] memory d = new uint256[](n);
        for (uint256 i = 0; i < n; i++) {
            d[i] = uint256(keccak256(abi.encode(i))) % PublicData.R;
        }
        return harness.bindGas(batch().commitment, d);
    }

    function test_bindingGasPerElement() public view {
        uint256 small = bindingGas(17);
        uint256 large = bindingGas(1017);
        console.log("binding gas, 17 elements:", small);
        console.log("binding gas, 1017 elements:", large);
        console.log("binding gas per extra element:", (large - small) / 1000);
        assertLt((large - small) / 1000, 200);
    }
}
