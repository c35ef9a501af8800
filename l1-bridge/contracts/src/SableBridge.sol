// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IStateUpdateVerifier} from "./IStateUpdateVerifier.sol";

/// @title Sable rollup bridge
/// @notice Holds the rollup's state root. The operator advances it one batch at a time with a
/// validity proof that the new root follows from the current one; the proof is checked on-chain.
///
/// Who can do what (docs/trust.md):
/// - the operator submits batches;
/// - governance, an OpenZeppelin TimelockController whose delay is at least MIN_UPGRADE_DELAY,
///   is the only one that can change the verifier, the verification gas, the operator or the
///   guardian: every change is public (CallScheduled) at least MIN_UPGRADE_DELAY before it takes
///   effect, so users who disagree can leave first;
/// - the guardian can pause and unpause batch submission at once. A pause stops new batches and
///   nothing else: exits (to come) must never check `paused`.
contract SableBridge {
    /// BN254's scalar field: public inputs, so roots, must be below it.
    uint256 public constant SNARK_SCALAR_FIELD =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;
    /// The shortest governance delay the bridge accepts.
    uint256 public constant MIN_UPGRADE_DELAY = 7 days;
    /// Bounds of the gas forwarded to the verifier (a valid Groth16 check costs ~200k).
    uint64 public constant MIN_VERIFY_GAS = 150_000;
    uint64 public constant MAX_VERIFY_GAS = 5_000_000;
    /// Gas the call to the verifier itself needs besides what it forwards.
    uint256 internal constant CALL_RESERVE = 10_000;

    TimelockController public immutable governance;

    // One storage slot: read together by every submission.
    IStateUpdateVerifier public verifier;
    /// Gas forwarded to the verifier: a malformed proof makes the pairing precompile consume all
    /// gas it is given, so the cap bounds what a rejection costs.
    uint64 public verifyGas;
    bool public paused;

    address public operator;
    address public guardian;

    /// Root of the account tree after the last accepted batch.
    uint256 public stateRoot;
    /// Number of accepted batches; batch numbers start at 1.
    uint256 public batchCount;

    event BatchSubmitted(uint256 indexed batchNumber, uint256 oldRoot, uint256 newRoot);
    event VerifierChanged(address indexed previous, address indexed next, bytes32 verifyingKeyHash);
    event VerifyGasChanged(uint256 previous, uint256 next);
    event OperatorChanged(address indexed previous, address indexed next);
    event GuardianChanged(address indexed previous, address indexed next);
    event Paused(address indexed guardian);
    event Unpaused(address indexed guardian);

    error NotOperator(address caller);
    error NotGovernance(address caller);
    error NotGuardian(address caller);
    error WrongOldRoot(uint256 expected, uint256 given);
    error InvalidProof();
    error BatchesPaused();
    error InsufficientGas(uint256 needed, uint256 available);
    error ZeroAddress();
    error NotAContract(address account);
    error GenesisRootNotInField(uint256 root);
    error GovernanceDelayTooShort(uint256 delay, uint256 minimum);
    error VerifyGasOutOfRange(uint256 gas);

    modifier onlyGovernance() {
        if (msg.sender != address(governance)) revert NotGovernance(msg.sender);
        // The timelock's own delay can change (through itself): below the floor, nothing passes.
        requireLongDelay(governance);
        _;
    }

    constructor(
        IStateUpdateVerifier verifier_,
        address operator_,
        TimelockController governance_,
        address guardian_,
        uint256 genesisRoot,
        uint64 verifyGas_
    ) {
        if (operator_ == address(0) || guardian_ == address(0)) {
            revert ZeroAddress();
        }
        requireContract(address(governance_));
        requireLongDelay(governance_);
        if (genesisRoot >= SNARK_SCALAR_FIELD) revert GenesisRootNotInField(genesisRoot);
        requireVerifyGasInRange(verifyGas_);
        requireContract(address(verifier_));
        governance = governance_;
        verifier = verifier_;
        verifyGas = verifyGas_;
        operator = operator_;
        guardian = guardian_;
        stateRoot = genesisRoot;
    }

    /// @notice Moves the state from oldRoot (which must be the current root) to newRoot.
    /// @param proof the Groth16 proof in the verifier's calldata encoding (256 bytes)
    function submitBatch(uint256 oldRoot, uint256 newRoot, bytes calldata proof) external {
        if (paused) revert BatchesPaused();
        if (msg.sender != operator) revert NotOperator(msg.sender);
        if (oldRoot != stateRoot) revert WrongOldRoot(stateRoot, oldRoot);
        uint256 gasForVerifier = verifyGas;
        // A call gets at most 63/64 of the gas left (EIP-150): with less, a valid proof could fail
        // for lack of gas and be reported as invalid.
        uint256 needed = gasForVerifier * 64 / 63 + CALL_RESERVE;
        if (gasleft() < needed) revert InsufficientGas(needed, gasleft());
        // Any failure inside the verifier, including running out of gas, rejects the batch.
        try verifier.verifyProof{gas: gasForVerifier}(proof, [oldRoot, newRoot]) {}
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
    function setVerifier(IStateUpdateVerifier next) external onlyGovernance {
        requireContract(address(next));
        emit VerifierChanged(address(verifier), address(next), next.verifyingKeyHash());
        verifier = next;
    }

    /// @notice Governance only: the gas forwarded to the verifier (e.g. after a repricing).
    function setVerifyGas(uint64 next) external onlyGovernance {
        requireVerifyGasInRange(next);
        emit VerifyGasChanged(verifyGas, next);
        verifyGas = next;
    }

    /// @notice Governance only: rotates the operator.
    function setOperator(address next) external onlyGovernance {
        if (next == address(0)) revert ZeroAddress();
        emit OperatorChanged(operator, next);
        operator = next;
    }

    /// @notice Governance only: rotates the guardian.
    function setGuardian(address next) external onlyGovernance {
        if (next == address(0)) revert ZeroAddress();
        emit GuardianChanged(guardian, next);
        guardian = next;
    }

    /// @notice Guardian only: stops new batches (and nothing else) at once.
    function pause() external {
        if (msg.sender != guardian) revert NotGuardian(msg.sender);
        paused = true;
        emit Paused(msg.sender);
    }

    /// @notice Guardian only: accepts batches again.
    function unpause() external {
        if (msg.sender != guardian) revert NotGuardian(msg.sender);
        paused = false;
        emit Unpaused(msg.sender);
    }

    function requireLongDelay(TimelockController timelock) internal view {
        uint256 delay = timelock.getMinDelay();
        if (delay < MIN_UPGRADE_DELAY) revert GovernanceDelayTooShort(delay, MIN_UPGRADE_DELAY);
    }

    function requireContract(address account) internal view {
        if (account == address(0)) revert ZeroAddress();
        if (account.code.length == 0) revert NotAContract(account);
    }

    function requireVerifyGasInRange(uint256 gas) internal pure {
        if (gas < MIN_VERIFY_GAS || gas > MAX_VERIFY_GAS) revert VerifyGasOutOfRange(gas);
    }
}
