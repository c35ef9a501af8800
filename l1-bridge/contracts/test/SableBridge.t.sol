// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {SableBridge} from "../src/SableBridge.sol";
import {IStateUpdateVerifier} from "../src/IStateUpdateVerifier.sol";
import {Verifier} from "./fixtures/StateUpdateVerifier.sol";
import {StateUpdateFixture as F} from "./fixtures/StateUpdateFixture.sol";

contract SableBridgeTest is Test {
    event BatchSubmitted(uint256 indexed batchNumber, uint256 oldRoot, uint256 newRoot);

    address internal constant OPERATOR = address(0x5AB1E);
    SableBridge internal bridge;

    function setUp() public {
        IStateUpdateVerifier verifier = IStateUpdateVerifier(address(new Verifier()));
        bridge = new SableBridge(verifier, OPERATOR, F.GENESIS_ROOT);
    }

    function submit(uint256 oldRoot, uint256 newRoot, bytes memory proof) internal {
        vm.prank(OPERATOR);
        bridge.submitBatch(oldRoot, newRoot, proof);
    }

    function test_acceptsAValidBatchAndStoresTheNewRoot() public {
        vm.expectEmit(true, false, false, true, address(bridge));
        emit BatchSubmitted(1, F.GENESIS_ROOT, F.NEW_ROOT_1);
        submit(F.OLD_ROOT_1, F.NEW_ROOT_1, F.PROOF_1);
        assertEq(bridge.stateRoot(), F.NEW_ROOT_1);
        assertEq(bridge.batchCount(), 1);
    }

    function test_acceptsAChainOfBatches() public {
        submit(F.OLD_ROOT_1, F.NEW_ROOT_1, F.PROOF_1);
        submit(F.OLD_ROOT_2, F.NEW_ROOT_2, F.PROOF_2);
        assertEq(bridge.stateRoot(), F.NEW_ROOT_2);
        assertEq(bridge.batchCount(), 2);
    }

    function test_rejectsAWrongOldRoot() public {
        // Batch 2 is valid, but only on top of batch 1.
        vm.expectRevert(
            abi.encodeWithSelector(SableBridge.WrongOldRoot.selector, F.GENESIS_ROOT, F.OLD_ROOT_2)
        );
        submit(F.OLD_ROOT_2, F.NEW_ROOT_2, F.PROOF_2);
        assertEq(bridge.stateRoot(), F.GENESIS_ROOT);
    }

    function test_rejectsATamperedProof() public {
        bytes memory proof = F.PROOF_1;
        proof[200] = bytes1(uint8(proof[200]) ^ 0x01); // a bit of the C point
        vm.expectRevert(SableBridge.InvalidProof.selector);
        submit(F.OLD_ROOT_1, F.NEW_ROOT_1, proof);
        assertEq(bridge.batchCount(), 0);
    }

    function test_rejectsAProofOfAnotherBatch() public {
        vm.expectRevert(SableBridge.InvalidProof.selector);
        submit(F.OLD_ROOT_1, F.NEW_ROOT_1, F.PROOF_2);
    }

    function test_rejectsANewRootTheProofDoesNotCover() public {
        vm.expectRevert(SableBridge.InvalidProof.selector);
        submit(F.OLD_ROOT_1, F.NEW_ROOT_2, F.PROOF_1);
    }

    function test_rejectsATruncatedProof() public {
        bytes memory proof = F.PROOF_1;
        assembly {
            mstore(proof, 255)
        }
        vm.expectRevert(SableBridge.InvalidProof.selector);
        submit(F.OLD_ROOT_1, F.NEW_ROOT_1, proof);
    }

    function test_rejectsSubmissionsFromAnyoneButTheOperator() public {
        vm.expectRevert(abi.encodeWithSelector(SableBridge.NotOperator.selector, address(this)));
        bridge.submitBatch(F.OLD_ROOT_1, F.NEW_ROOT_1, F.PROOF_1);
    }

    function test_anAcceptedBatchCannotBeReplayed() public {
        submit(F.OLD_ROOT_1, F.NEW_ROOT_1, F.PROOF_1);
        vm.expectRevert(
            abi.encodeWithSelector(SableBridge.WrongOldRoot.selector, F.NEW_ROOT_1, F.OLD_ROOT_1)
        );
        submit(F.OLD_ROOT_1, F.NEW_ROOT_1, F.PROOF_1);
        assertEq(bridge.batchCount(), 1);
    }

    function test_aRejectedBatchStaysRejectedWhenReplayed() public {
        bytes memory proof = F.PROOF_1;
        proof[200] = bytes1(uint8(proof[200]) ^ 0x01);
        vm.expectRevert(SableBridge.InvalidProof.selector);
        submit(F.OLD_ROOT_1, F.NEW_ROOT_1, proof);
        // The same rejected submission again, on the root it was made for: rejected again.
        vm.expectRevert(SableBridge.InvalidProof.selector);
        submit(F.OLD_ROOT_1, F.NEW_ROOT_1, proof);
        assertEq(bridge.stateRoot(), F.GENESIS_ROOT);
        assertEq(bridge.batchCount(), 0);
        // And once the honest batch has moved the chain on, replaying it fails on the old root.
        submit(F.OLD_ROOT_1, F.NEW_ROOT_1, F.PROOF_1);
        vm.expectRevert(
            abi.encodeWithSelector(SableBridge.WrongOldRoot.selector, F.NEW_ROOT_1, F.OLD_ROOT_1)
        );
        submit(F.OLD_ROOT_1, F.NEW_ROOT_1, proof);
        assertEq(bridge.stateRoot(), F.NEW_ROOT_1);
        assertEq(bridge.batchCount(), 1);
    }
}
