// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {SableBridge} from "../src/SableBridge.sol";
import {BridgeRoles} from "../src/BridgeRoles.sol";
import {IStateUpdateVerifier} from "../src/IStateUpdateVerifier.sol";
import {Verifier} from "./fixtures/StateUpdateVerifier.sol";
import {StateUpdateFixture as F} from "./fixtures/StateUpdateFixture.sol";

/// A bridge on the fixture's verifier, governed by a 7-day timelock.
abstract contract BridgeSetUp is Test {
    address internal constant OPERATOR = address(0x5AB1E);
    address internal constant PROPOSER = address(0x6017);
    address internal constant GUARDIAN = address(0x6A4D);
    uint64 internal constant VERIFY_GAS = 400_000;
    uint256 internal constant DELAY = 7 days;

    IStateUpdateVerifier internal verifier;
    TimelockController internal timelock;
    SableBridge internal bridge;

    function setUp() public {
        verifier = IStateUpdateVerifier(address(new Verifier()));
        timelock = newTimelock(DELAY);
        bridge = new SableBridge(verifier, OPERATOR, timelock, GUARDIAN, F.GENESIS_ROOT, VERIFY_GAS);
    }

    /// A self-administered timelock: PROPOSER proposes and executes, nobody can skip the delay.
    function newTimelock(uint256 delay) internal returns (TimelockController) {
        address[] memory members = new address[](1);
        members[0] = PROPOSER;
        return new TimelockController(delay, members, members, address(0));
    }

    function submit(uint256 oldRoot, uint256 newRoot, bytes memory proof) internal {
        vm.prank(OPERATOR);
        bridge.submitBatch(oldRoot, newRoot, proof);
    }
}

contract SableBridgeTest is BridgeSetUp {
    event BatchSubmitted(uint256 indexed batchNumber, uint256 oldRoot, uint256 newRoot);

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
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        submit(F.OLD_ROOT_1, F.NEW_ROOT_1, proof);
        assertEq(bridge.batchCount(), 0);
    }

    function test_rejectsAProofOfAnotherBatch() public {
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        submit(F.OLD_ROOT_1, F.NEW_ROOT_1, F.PROOF_2);
    }

    function test_rejectsANewRootTheProofDoesNotCover() public {
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        submit(F.OLD_ROOT_1, F.NEW_ROOT_2, F.PROOF_1);
    }

    function test_rejectsATruncatedProof() public {
        bytes memory proof = F.PROOF_1;
        assembly {
            mstore(proof, 255)
        }
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        submit(F.OLD_ROOT_1, F.NEW_ROOT_1, proof);
    }

    function test_rejectsSubmissionsFromAnyoneButTheOperator() public {
        vm.expectRevert(abi.encodeWithSelector(BridgeRoles.NotOperator.selector, address(this)));
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
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        submit(F.OLD_ROOT_1, F.NEW_ROOT_1, proof);
        // The same rejected submission again, on the root it was made for: rejected again.
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
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

/// Stands in for a verifier of another key: accepts every proof and reports another key hash.
contract OtherKeyVerifier is IStateUpdateVerifier {
    function verifyProof(bytes calldata, uint256[2] calldata) external pure {}

    function verifyingKeyHash() external pure returns (bytes32) {
        return keccak256("another key");
    }
}

/// Everything that changes the bridge's rules: only governance, only after the timelock's delay.
contract SableBridgeGovernanceTest is BridgeSetUp {
    /// The timelock's bitmap of expected states for an operation that must be Ready (1 << 2).
    bytes32 internal constant READY = bytes32(uint256(4));

    event VerifierChanged(address indexed previous, address indexed next, bytes32 verifyingKeyHash);

    function schedule(bytes memory call) internal returns (bytes32 id) {
        vm.prank(PROPOSER);
        timelock.schedule(address(bridge), 0, call, bytes32(0), bytes32(0), DELAY);
        return timelock.hashOperation(address(bridge), 0, call, bytes32(0), bytes32(0));
    }

    function execute(bytes memory call) internal {
        vm.prank(PROPOSER);
        timelock.execute(address(bridge), 0, call, bytes32(0), bytes32(0));
    }

    function governed(bytes memory call) internal {
        schedule(call);
        vm.warp(block.timestamp + DELAY);
        execute(call);
    }

    function test_theVerifierReportsTheKeyHashGoComputed() public view {
        assertEq(bridge.verifyingKeyHash(), F.VK_HASH);
        assertEq(verifier.verifyingKeyHash(), F.VK_HASH);
    }

    function test_aVerifierUpgradeTakesEffectOnlyAfterTheDelay() public {
        OtherKeyVerifier next = new OtherKeyVerifier();
        bytes memory call = abi.encodeCall(SableBridge.setVerifier, (next));
        bytes32 id = schedule(call);

        vm.warp(block.timestamp + DELAY - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockUnexpectedOperationState.selector, id, READY
            )
        );
        execute(call);
        // While the upgrade is pending, the current key is in force: a valid batch is accepted.
        assertEq(bridge.verifyingKeyHash(), F.VK_HASH);
        submit(F.OLD_ROOT_1, F.NEW_ROOT_1, F.PROOF_1);

        vm.warp(block.timestamp + 1);
        vm.expectEmit(true, true, false, true, address(bridge));
        emit VerifierChanged(address(verifier), address(next), keccak256("another key"));
        execute(call);
        assertEq(address(bridge.verifier()), address(next));
        assertEq(bridge.verifyingKeyHash(), keccak256("another key"));
    }

    function test_nobodyButGovernanceChangesTheRules() public {
        OtherKeyVerifier next = new OtherKeyVerifier();
        address[3] memory callers = [OPERATOR, GUARDIAN, PROPOSER];
        for (uint256 i = 0; i < callers.length; i++) {
            vm.startPrank(callers[i]);
            vm.expectRevert(abi.encodeWithSelector(BridgeRoles.NotGovernance.selector, callers[i]));
            bridge.setVerifier(next);
            vm.expectRevert(abi.encodeWithSelector(BridgeRoles.NotGovernance.selector, callers[i]));
            bridge.setVerifyGas(1_000_000);
            vm.expectRevert(abi.encodeWithSelector(BridgeRoles.NotGovernance.selector, callers[i]));
            bridge.setOperator(callers[i]);
            vm.expectRevert(abi.encodeWithSelector(BridgeRoles.NotGovernance.selector, callers[i]));
            bridge.setGuardian(callers[i]);
            vm.stopPrank();
        }
        // Nor can anyone but a proposer put a change into the timelock.
        bytes memory call = abi.encodeCall(SableBridge.setVerifier, (next));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                OPERATOR,
                timelock.PROPOSER_ROLE()
            )
        );
        vm.prank(OPERATOR);
        timelock.schedule(address(bridge), 0, call, bytes32(0), bytes32(0), DELAY);
        // Nor with a delay shorter than the timelock's.
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockInsufficientDelay.selector, 1 days, DELAY
            )
        );
        vm.prank(PROPOSER);
        timelock.schedule(address(bridge), 0, call, bytes32(0), bytes32(0), 1 days);
        assertEq(address(bridge.verifier()), address(verifier));
    }

    function test_theVerificationGasChangesThroughGovernance() public {
        governed(abi.encodeCall(BridgeRoles.setVerifyGas, (600_000)));
        assertEq(bridge.verifyGas(), 600_000);
        submit(F.OLD_ROOT_1, F.NEW_ROOT_1, F.PROOF_1);

        bytes memory tooLow = abi.encodeCall(BridgeRoles.setVerifyGas, (100_000));
        schedule(tooLow);
        vm.warp(block.timestamp + DELAY);
        vm.expectRevert(abi.encodeWithSelector(BridgeRoles.VerifyGasOutOfRange.selector, 100_000));
        execute(tooLow);
    }

    function test_theOperatorIsRotatedThroughGovernance() public {
        address next = address(0xBEEF);
        governed(abi.encodeCall(BridgeRoles.setOperator, (next)));
        vm.expectRevert(abi.encodeWithSelector(BridgeRoles.NotOperator.selector, OPERATOR));
        submit(F.OLD_ROOT_1, F.NEW_ROOT_1, F.PROOF_1);
        vm.prank(next);
        bridge.submitBatch(F.OLD_ROOT_1, F.NEW_ROOT_1, F.PROOF_1);
        assertEq(bridge.batchCount(), 1);
    }

    /// The timelock can lower its own delay (after its current delay); the bridge then refuses it.
    function test_aTimelockWhoseDelayWasLoweredChangesNothing() public {
        bytes memory lower = abi.encodeCall(TimelockController.updateDelay, (1 days));
        vm.prank(PROPOSER);
        timelock.schedule(address(timelock), 0, lower, bytes32(0), bytes32(0), DELAY);
        vm.warp(block.timestamp + DELAY);
        vm.prank(PROPOSER);
        timelock.execute(address(timelock), 0, lower, bytes32(0), bytes32(0));
        assertEq(timelock.getMinDelay(), 1 days);

        bytes memory call = abi.encodeCall(BridgeRoles.setOperator, (address(0xBEEF)));
        vm.prank(PROPOSER);
        timelock.schedule(address(bridge), 0, call, bytes32(0), bytes32(0), 1 days);
        vm.warp(block.timestamp + 1 days);
        vm.expectRevert(
            abi.encodeWithSelector(BridgeRoles.GovernanceDelayTooShort.selector, 1 days, DELAY)
        );
        execute(call);
        assertEq(bridge.operator(), OPERATOR);
    }

    function test_theGuardianPausesBatchesAtOnce() public {
        vm.expectRevert(abi.encodeWithSelector(BridgeRoles.NotGuardian.selector, OPERATOR));
        vm.prank(OPERATOR);
        bridge.pause();

        vm.prank(GUARDIAN);
        bridge.pause();
        vm.expectRevert(BridgeRoles.BatchesPaused.selector);
        submit(F.OLD_ROOT_1, F.NEW_ROOT_1, F.PROOF_1);
        // A pause touches nothing an exit reads (the root and the batch count).
        assertEq(bridge.stateRoot(), F.GENESIS_ROOT);
        assertEq(bridge.batchCount(), 0);

        vm.prank(GUARDIAN);
        bridge.unpause();
        submit(F.OLD_ROOT_1, F.NEW_ROOT_1, F.PROOF_1);
        assertEq(bridge.stateRoot(), F.NEW_ROOT_1);
    }

    function test_theGuardianIsRotatedThroughGovernance() public {
        address next = address(0xCAFE);
        governed(abi.encodeCall(BridgeRoles.setGuardian, (next)));
        vm.expectRevert(abi.encodeWithSelector(BridgeRoles.NotGuardian.selector, GUARDIAN));
        vm.prank(GUARDIAN);
        bridge.pause();
        vm.prank(next);
        bridge.pause();
        assertTrue(bridge.paused());
    }

    /// With too little gas the verifier could fail a valid proof: the bridge says so instead.
    function test_tooLittleGasIsNotReportedAsAnInvalidProof() public {
        vm.expectPartialRevert(BridgeRoles.InsufficientGas.selector);
        vm.prank(OPERATOR);
        bridge.submitBatch{gas: 300_000}(F.OLD_ROOT_1, F.NEW_ROOT_1, F.PROOF_1);
        assertEq(bridge.batchCount(), 0);
    }
}

contract SableBridgeConstructorTest is Test {
    address internal constant PROPOSER = address(0x6017);
    address internal verifier;
    TimelockController internal timelock;

    function setUp() public {
        verifier = address(new Verifier());
        timelock = timelockWith(7 days);
    }

    function timelockWith(uint256 delay) internal returns (TimelockController) {
        address[] memory members = new address[](1);
        members[0] = PROPOSER;
        return new TimelockController(delay, members, members, address(0));
    }

    function deploy(address v, address op, address gov, address guard, uint256 root, uint64 gas)
        internal
        returns (SableBridge)
    {
        return new SableBridge(
            IStateUpdateVerifier(v), op, TimelockController(payable(gov)), guard, root, gas
        );
    }

    function test_acceptsAValidConfiguration() public {
        SableBridge b = deploy(verifier, address(1), address(timelock), address(2), 0, 400_000);
        assertEq(address(b.governance()), address(timelock));
        assertEq(b.verifyGas(), 400_000);
    }

    function test_rejectsAGenesisRootOutsideTheField() public {
        uint256 r = 21888242871839275222246405745257275088548364400416034343698204186575808495617;
        vm.expectRevert(abi.encodeWithSelector(SableBridge.GenesisRootNotInField.selector, r));
        deploy(verifier, address(1), address(timelock), address(2), r, 400_000);
        deploy(verifier, address(1), address(timelock), address(2), r - 1, 400_000);
    }

    function test_rejectsZeroAddresses() public {
        vm.expectRevert(BridgeRoles.ZeroAddress.selector);
        deploy(address(0), address(1), address(timelock), address(2), 0, 400_000);
        vm.expectRevert(BridgeRoles.ZeroAddress.selector);
        deploy(verifier, address(0), address(timelock), address(2), 0, 400_000);
        vm.expectRevert(BridgeRoles.ZeroAddress.selector);
        deploy(verifier, address(1), address(0), address(2), 0, 400_000);
        vm.expectRevert(BridgeRoles.ZeroAddress.selector);
        deploy(verifier, address(1), address(timelock), address(0), 0, 400_000);
    }

    function test_rejectsAVerifierOrGovernanceWithoutCode() public {
        vm.expectRevert(abi.encodeWithSelector(BridgeRoles.NotAContract.selector, address(0xDEAD)));
        deploy(address(0xDEAD), address(1), address(timelock), address(2), 0, 400_000);
        vm.expectRevert(abi.encodeWithSelector(BridgeRoles.NotAContract.selector, address(0xDEAD)));
        deploy(verifier, address(1), address(0xDEAD), address(2), 0, 400_000);
    }

    function test_rejectsGovernanceWithAShortDelay() public {
        TimelockController quick = timelockWith(7 days - 1);
        vm.expectRevert(
            abi.encodeWithSelector(BridgeRoles.GovernanceDelayTooShort.selector, 7 days - 1, 7 days)
        );
        deploy(verifier, address(1), address(quick), address(2), 0, 400_000);
    }

    function test_rejectsAVerificationGasOutOfRange() public {
        vm.expectRevert(abi.encodeWithSelector(BridgeRoles.VerifyGasOutOfRange.selector, 149_999));
        deploy(verifier, address(1), address(timelock), address(2), 0, 149_999);
        vm.expectRevert(abi.encodeWithSelector(BridgeRoles.VerifyGasOutOfRange.selector, 5_000_001));
        deploy(verifier, address(1), address(timelock), address(2), 0, 5_000_001);
    }
}
