// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title Who may do what on a Sable bridge (docs/trust.md)
/// @notice The roles every Sable bridge shares, and the gas it forwards to its verifier:
/// - the operator submits batches;
/// - governance, an OpenZeppelin TimelockController whose delay is at least MIN_UPGRADE_DELAY,
///   alone changes the verifier (in the bridge itself), the verification gas, the operator and the
///   guardian: every change is public (CallScheduled) at least MIN_UPGRADE_DELAY before it takes
///   effect, so users who disagree can leave first;
/// - the guardian pauses and unpauses batch submission at once. A pause stops new batches and
///   nothing else: no deposit, claim or exit checks `paused`.
abstract contract BridgeRoles {
    /// @notice The shortest governance delay a bridge accepts.
    uint256 public constant MIN_UPGRADE_DELAY = 7 days;
    /// @notice Bounds of the gas forwarded to the verifier (a valid Groth16 check costs ~200k).
    uint64 public constant MIN_VERIFY_GAS = 150_000;
    /// @notice See MIN_VERIFY_GAS.
    uint64 public constant MAX_VERIFY_GAS = 5_000_000;
    /// Gas the call to the verifier itself needs besides what it forwards.
    uint256 internal constant CALL_RESERVE = 10_000;

    /// @notice The timelock that alone changes the bridge's rules.
    TimelockController public immutable governance;

    // One storage slot, read together by every submission.
    /// @notice The only address that may submit batches.
    address public operator;
    /// @notice Whether the guardian has stopped batch submission.
    bool public paused;
    /// @notice Gas forwarded to the verifier: a malformed proof makes the pairing precompile consume
    /// all gas it is given, so the cap bounds what a rejection costs.
    uint64 public verifyGas;

    /// @notice The address that can pause batch submission at once.
    address public guardian;

    /// @notice Governance changed the gas forwarded to the verifier.
    event VerifyGasChanged(uint256 previous, uint256 next);
    /// @notice Governance rotated the operator.
    event OperatorChanged(address indexed previous, address indexed next);
    /// @notice Governance rotated the guardian.
    event GuardianChanged(address indexed previous, address indexed next);
    /// @notice The guardian stopped batch submission.
    event Paused(address indexed guardian);
    /// @notice The guardian allowed batch submission again.
    event Unpaused(address indexed guardian);

    /// A batch from someone other than the operator.
    error NotOperator(address caller);
    /// A rule change from someone other than governance.
    error NotGovernance(address caller);
    /// A pause or unpause from someone other than the guardian.
    error NotGuardian(address caller);
    /// A batch while the guardian has paused batches.
    error BatchesPaused();
    /// The verifier rejected the proof (or failed in any other way, out of gas included).
    error InvalidProof();
    /// The transaction left too little gas to forward verifyGas to the verifier.
    error InsufficientGas(uint256 needed, uint256 available);
    /// A role or contract given as the zero address.
    error ZeroAddress();
    /// A contract expected where an address has no code.
    error NotAContract(address account);
    /// The timelock's delay is (or became) shorter than MIN_UPGRADE_DELAY.
    error GovernanceDelayTooShort(uint256 delay, uint256 minimum);
    /// A verification gas outside [MIN_VERIFY_GAS, MAX_VERIFY_GAS].
    error VerifyGasOutOfRange(uint256 gas);

    modifier onlyGovernance() {
        if (msg.sender != address(governance)) revert NotGovernance(msg.sender);
        // The timelock's own delay can change (through itself): below the floor, nothing passes.
        requireLongDelay(governance);
        _;
    }

    modifier onlyGuardian() {
        if (msg.sender != guardian) revert NotGuardian(msg.sender);
        _;
    }

    constructor(
        address operator_,
        TimelockController governance_,
        address guardian_,
        uint64 verifyGas_
    ) {
        if (operator_ == address(0) || guardian_ == address(0)) {
            revert ZeroAddress();
        }
        requireContract(address(governance_));
        requireLongDelay(governance_);
        requireVerifyGasInRange(verifyGas_);
        governance = governance_;
        operator = operator_;
        guardian = guardian_;
        verifyGas = verifyGas_;
    }

    /// @notice Governance only (after the timelock's delay): the gas forwarded to the verifier,
    /// e.g. after a repricing of the pairing precompile.
    /// @param next the new verification gas, in [MIN_VERIFY_GAS, MAX_VERIFY_GAS]
    function setVerifyGas(uint64 next) external onlyGovernance {
        requireVerifyGasInRange(next);
        emit VerifyGasChanged(verifyGas, next);
        verifyGas = next;
    }

    /// @notice Governance only: rotates the operator.
    /// @param next the new operator (not zero)
    function setOperator(address next) external onlyGovernance {
        if (next == address(0)) revert ZeroAddress();
        emit OperatorChanged(operator, next);
        operator = next;
    }

    /// @notice Governance only: rotates the guardian.
    /// @param next the new guardian (not zero)
    function setGuardian(address next) external onlyGovernance {
        if (next == address(0)) revert ZeroAddress();
        emit GuardianChanged(guardian, next);
        guardian = next;
    }

    /// @notice Guardian only: stops new batches (and nothing else) at once.
    function pause() external onlyGuardian {
        paused = true;
        emit Paused(msg.sender);
    }

    /// @notice Guardian only: accepts batches again.
    function unpause() external onlyGuardian {
        paused = false;
        emit Unpaused(msg.sender);
    }

    /// Reverts unless batches are open and the caller is the operator.
    function requireSubmitter() internal view {
        if (paused) revert BatchesPaused();
        if (msg.sender != operator) revert NotOperator(msg.sender);
    }

    /// The gas to forward to the verifier; reverts if the transaction has too little left. Call it
    /// right before the verifier: a call gets at most 63/64 of the gas left (EIP-150), and with less
    /// a valid proof could fail for lack of gas and be reported as invalid.
    function gasForVerifier() internal view returns (uint256 gas) {
        gas = verifyGas;
        uint256 needed = gas * 64 / 63 + CALL_RESERVE;
        if (gasleft() < needed) revert InsufficientGas(needed, gasleft());
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
