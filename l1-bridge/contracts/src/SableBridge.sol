// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IStateUpdateVerifier} from "./IStateUpdateVerifier.sol";

/// @title Sable rollup bridge
/// @notice Holds the rollup's state root. The operator advances it one batch at a time with a
/// validity proof that the new root follows from the current one; the proof is checked on-chain.
contract SableBridge {
    /// Gas forwarded to the verifier: a valid Groth16 check costs ~200k; a malformed proof makes
    /// the pairing precompile consume all gas it is given, so the cap bounds a rejection's cost.
    uint256 public constant VERIFY_GAS = 400_000;

    IStateUpdateVerifier public immutable verifier;
    address public immutable operator;

    /// Root of the account tree after the last accepted batch.
    uint256 public stateRoot;
    /// Number of accepted batches; batch numbers start at 1.
    uint256 public batchCount;

    event BatchSubmitted(uint256 indexed batchNumber, uint256 oldRoot, uint256 newRoot);

    error NotOperator(address caller);
    error WrongOldRoot(uint256 expected, uint256 given);
    error InvalidProof();

    constructor(IStateUpdateVerifier verifier_, address operator_, uint256 genesisRoot) {
        verifier = verifier_;
        operator = operator_;
        stateRoot = genesisRoot;
    }

    /// @notice Moves the state from oldRoot (which must be the current root) to newRoot.
    /// @param proof the Groth16 proof in the verifier's calldata encoding (256 bytes)
    function submitBatch(uint256 oldRoot, uint256 newRoot, bytes calldata proof) external {
        if (msg.sender != operator) revert NotOperator(msg.sender);
        if (oldRoot != stateRoot) revert WrongOldRoot(stateRoot, oldRoot);
        // Any failure inside the verifier, including running out of gas, rejects the batch.
        try verifier.verifyProof{gas: VERIFY_GAS}(proof, [oldRoot, newRoot]) {}
        catch {
            revert InvalidProof();
        }
        stateRoot = newRoot;
        uint256 batchNumber = ++batchCount;
        emit BatchSubmitted(batchNumber, oldRoot, newRoot);
    }
}
