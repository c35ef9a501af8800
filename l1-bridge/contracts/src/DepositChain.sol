// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title The deposit queue's running hash
/// @notice chain[0] = 0 and chain[i + 1] = keccak256(chain[i] || record || keyX || keyY), over
/// the three public-data elements of deposit i (SettlementData), each a 32-byte word. The bridge
/// stores chain[i] for every i, so a batch that consumes deposits [s, s + k) is checked with two
/// storage reads and k hashes of its own calldata, whatever k.
library DepositChain {
    /// The chain after one more deposit.
    function link(bytes32 chain, uint256 record, uint256 keyX, uint256 keyY)
        internal
        pure
        returns (bytes32 next)
    {
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, chain)
            mstore(add(p, 32), record)
            mstore(add(p, 64), keyX)
            mstore(add(p, 96), keyY)
            next := keccak256(p, 128)
        }
    }

    /// The chain after `count` deposits whose three elements each follow one another in d from
    /// index `at`. The caller checks that they are inside d.
    function extend(bytes32 chain, uint256[] calldata d, uint256 at, uint256 count)
        internal
        pure
        returns (bytes32)
    {
        assembly ("memory-safe") {
            let p := mload(0x40)
            let src := add(d.offset, shl(5, at))
            for { let end := add(src, mul(count, 96)) } lt(src, end) { src := add(src, 96) } {
                mstore(p, chain)
                calldatacopy(add(p, 32), src, 96)
                chain := keccak256(p, 128)
            }
        }
        return chain;
    }
}
