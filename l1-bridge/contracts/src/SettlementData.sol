// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title Where things are in a settlement batch's public data
/// @notice The public data d of a settlement batch is a list of field elements laid out by the
/// circuit's capacities (docs/settlement.md, "Public data and its binding"): the header, three
/// elements per deposit slot, the refund bits, one element per withdrawal slot, one per market row.
library SettlementData {
    uint256 internal constant CHAIN_ID = 0;
    uint256 internal constant CONTRACT = 1;
    uint256 internal constant BATCH_NUMBER = 2;
    uint256 internal constant BATCH_TIME = 3;
    uint256 internal constant OLD_ROOT = 4;
    uint256 internal constant NEW_ROOT = 5;
    uint256 internal constant DEPOSIT_START = 6;
    uint256 internal constant DEPOSIT_COUNT = 7;
    /// The first deposit slot: account + 2^24 amount + 2^88 sender, key x, key y.
    uint256 internal constant HEADER = 8;
    /// Refund bits share one element, so a circuit has at most 248 deposit slots.
    uint256 internal constant MAX_DEPOSIT_SLOTS = 248;

    /// The capacities of the circuit whose proofs the bridge verifies.
    struct Layout {
        uint256 depositSlots;
        uint256 withdrawalSlots;
        uint256 marketRows;
    }

    /// Number of elements of d.
    function length(Layout memory l) internal pure returns (uint256) {
        return marketsAt(l) + l.marketRows;
    }

    /// Index of the refund bits (bit i: deposit slot i is refunded).
    function refundBitsAt(Layout memory l) internal pure returns (uint256) {
        return HEADER + 3 * l.depositSlots;
    }

    /// Index of the first withdrawal slot: recipient + 2^160 amount, 0 when unused.
    function withdrawalsAt(Layout memory l) internal pure returns (uint256) {
        return refundBitsAt(l) + 1;
    }

    /// Index of the first market row: market + 2^8 ticked + 2^9 markValid + 2^16 (rate + 2^63)
    /// + 2^80 mark + 2^144 (fundingIndex + 2^63), 0 when unused.
    function marketsAt(Layout memory l) internal pure returns (uint256) {
        return withdrawalsAt(l) + l.withdrawalSlots;
    }

    /// The first element of a deposit record: account + 2^24 amount + 2^88 sender.
    function depositRecord(uint256 account, uint256 amount, address sender)
        internal
        pure
        returns (uint256)
    {
        return account | amount << 24 | uint256(uint160(sender)) << 88;
    }

    /// The amount of a deposit record's first element (64 bits from bit 24).
    function depositAmount(uint256 record) internal pure returns (uint256) {
        return record >> 24 & type(uint64).max;
    }

    /// The sender of a deposit record's first element (160 bits from bit 88).
    function depositSender(uint256 record) internal pure returns (address) {
        // The sender is all that is left above bit 88 (record < 2^248).
        // forge-lint: disable-next-line(unsafe-typecast)
        return address(uint160(record >> 88));
    }

    /// The recipient of a withdrawal element (its low 160 bits).
    function withdrawalRecipient(uint256 withdrawal) internal pure returns (address) {
        // The recipient is the low 160 bits; the amount above them is read apart.
        // forge-lint: disable-next-line(unsafe-typecast)
        return address(uint160(withdrawal));
    }

    /// The amount of a withdrawal element (above bit 160).
    function withdrawalAmount(uint256 withdrawal) internal pure returns (uint256) {
        return withdrawal >> 160;
    }
}
