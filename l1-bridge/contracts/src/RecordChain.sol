// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title The running hashes of the bridge's queues
/// @notice A queue of records is kept as chain[0] = 0, chain[i + 1] = keccak256(chain[i] ||
/// record i), each record its public-data elements as 32-byte words: a deposit is three
/// (SettlementData.depositRecord, key x, key y), a forced withdrawal request five (its word, the
/// recipient, the signature's R.x, R.y and S). The bridge stores chain[i] for every i, so a batch
/// that consumes records [s, s + k) is checked with two storage reads and k hashes of its own
/// calldata, whatever k.
library RecordChain {
    /// The chain after one more deposit.
    function linkDeposit(bytes32 chain, uint256 record, uint256 keyX, uint256 keyY)
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

    /// The chain after one more forced withdrawal request.
    function linkRequest(
        bytes32 chain,
        uint256 word,
        uint256 recipient,
        uint256 rX,
        uint256 rY,
        uint256 s
    ) internal pure returns (bytes32 next) {
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, chain)
            mstore(add(p, 32), word)
            mstore(add(p, 64), recipient)
            mstore(add(p, 96), rX)
            mstore(add(p, 128), rY)
            mstore(add(p, 160), s)
            next := keccak256(p, 192)
        }
    }

    /// The chain after `count` records of `width` elements each that follow one another in d from
    /// index `at`. The caller checks that they are inside d.
    function extend(bytes32 chain, uint256[] calldata d, uint256 at, uint256 count, uint256 width)
        internal
        pure
        returns (bytes32)
    {
        assembly ("memory-safe") {
            let p := mload(0x40)
            let size := shl(5, width)
            let src := add(d.offset, shl(5, at))
            for { let end := add(src, mul(count, size)) } lt(src, end) { src := add(src, size) } {
                mstore(p, chain)
                calldatacopy(add(p, 32), src, size)
                chain := keccak256(p, add(size, 32))
            }
        }
        return chain;
    }
}
