// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {BridgeRoles} from "./BridgeRoles.sol";
import {IStateUpdateVerifier} from "./IStateUpdateVerifier.sol";

/// @title Sable's state-update bridge (the demo's, until the pipeline posts settlement batches)
/// @notice Holds the root of the state-update circuit's account tree. The operator advances it one
/// batch at a time with a proof that the new root is the old one with one leaf replaced; it holds no
/// money. SettlementBridge replaces it once the node posts settlement batches (docs/bridge.md).
contract SableBridge is BridgeRoles {
    /// @notice BN254's scalar field: public inputs, so roots, must be below it.
    uint256 public constant SNARK_SCALAR_FIELD =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;

    /// @notice The gnark-exported verifier of the state-update circuit.
    IStateUpdateVerifier public verifier;
    /// @notice Root of the account tree after the last accepted batch.
    uint256 public stateRoot;
    /// @notice Number of accepted batches; batch numbers start at 1.
    uint256 public batchCount;

    /// @notice A batch was accepted: the root moved from oldRoot to newRoot.
    event BatchSubmitted(uint256 indexed batchNumber, uint256 oldRoot, uint256 newRoot);
    /// @notice Governance replaced the verifier.
    event VerifierChanged(address indexed previous, address indexed next, bytes32 verifyingKeyHash);

    /// The batch does not start from the current root.
    error WrongOldRoot(uint256 expected, uint256 given);
    /// The genesis root is not below r: no batch could ever follow it.
    error GenesisRootNotInField(uint256 root);

    /// @param verifier_ the state-update circuit's verifier
    /// @param operator_ who submits batches
    /// @param governance_ the timelock (delay at least MIN_UPGRADE_DELAY) that changes the rules
    /// @param guardian_ who can pause batches
    /// @param genesisRoot the root before the first batch (below r)
    /// @param verifyGas_ gas forwarded to the verifier
    constructor(
        IStateUpdateVerifier verifier_,
        address operator_,
        TimelockController governance_,
        address guardian_,
        uint256 genesisRoot,
        uint64 verifyGas_
    ) BridgeRoles(operator_, governance_, guardian_, verifyGas_) {
        if (genesisRoot >= SNARK_SCALAR_FIELD) {
            revert GenesisRootNotInField(genesisRoot);
        }
        requireContract(address(verifier_));
        verifier = verifier_;
        stateRoot = genesisRoot;
    }

    /// @notice Moves the state from oldRoot (which must be the current root) to newRoot.
    /// @param oldRoot the current root
    /// @param newRoot the root the proof moves it to
    /// @param proof the Groth16 proof in the verifier's calldata encoding (256 bytes)
    function submitBatch(uint256 oldRoot, uint256 newRoot, bytes calldata proof) external {
        requireSubmitter();
        if (oldRoot != stateRoot) revert WrongOldRoot(stateRoot, oldRoot);
        uint256 gas = gasForVerifier();
        // Any failure inside the verifier, including running out of gas, rejects the batch.
        try verifier.verifyProof{gas: gas}(proof, [oldRoot, newRoot]) {}
        catch {
            revert InvalidProof();
        }
        stateRoot = newRoot;
        uint256 batchNumber = ++batchCount;
        emit BatchSubmitted(batchNumber, oldRoot, newRoot);
    }

    /// @notice The hash of the verifying key the bridge checks proofs with; a node compares it
    /// with its own keys before posting.
    function verifyingKeyHash() external view returns (bytes32) {
        return verifier.verifyingKeyHash();
    }

    /// @notice Governance only (after the timelock's delay): a verifier for a new circuit version.
    /// @param next the new verifier (must answer verifyingKeyHash())
    function setVerifier(IStateUpdateVerifier next) external onlyGovernance {
        requireContract(address(next));
        emit VerifierChanged(address(verifier), address(next), next.verifyingKeyHash());
        verifier = next;
    }
}
