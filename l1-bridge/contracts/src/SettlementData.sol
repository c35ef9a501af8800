// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title Where things are in a settlement batch's public data
/// @notice The public data d of a settlement batch is a list of field elements laid out by the
/// circuit's capacities (docs/settlement.md, "Public data and its binding"): the header, three
/// elements per deposit slot, the refund bits, one element per withdrawal slot, one per market row,
/// one per liquidation step, then (when the circuit has request slots) the forced withdrawal
/// requests it serves, (when it has account rows) the data owners rebuild their leaves from, and
/// (when its accounts may be portfolio-margined, a `-pm` circuit) the batch's risk commitment.
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
    /// Market ids are one byte (a market row's low 8 bits).
    uint256 internal constant MARKET_IDS = 256;
    /// The most markets one account holds positions in (its leaf's position slots).
    uint256 internal constant POSITION_SLOTS = 8;

    /// Elements of a forced withdrawal request: account + 2^24 nonce + 2^88 maxAmount, the
    /// recipient, the signature's R.x, R.y and S.
    uint256 internal constant REQUEST_WIDTH = 5;
    /// Elements of the owner data before its rows: the new state's account root, market root, fee
    /// pool, funding pool, and the batch's ephemeral key E (x, y).
    uint256 internal constant OWNER_HEADER = 6;
    /// Elements of an owner-data row: 2^24 + account (0 when unused), the leaf, 11 ciphertext
    /// elements.
    uint256 internal constant OWNER_ROW = 13;
    /// Elements of a blob section, one per blob of the owner-data rows when they are in EIP-4844
    /// blobs (SettlementBlobBridge): the blob's versioned hash (high, low 128 bits), the challenge
    /// z and the blob's value y at z (high 127, low 128 bits).
    uint256 internal constant BLOB_SECTION = 5;
    /// Elements of a pair segment's blob section (SettlementBlobPairBridge: two segments' rows in
    /// one blob, one per slot): the blob's versioned hash (high, low), the pair's challenge z, the
    /// segment's slot (0 or 1), its slot's share y_s of the blob's value at z (high, low) and the
    /// commitment to its slot's rows.
    uint256 internal constant BLOB_PAIR_SECTION = 7;

    /// The capacities of the circuit whose proofs the bridge verifies.
    struct Layout {
        uint256 depositSlots;
        uint256 withdrawalSlots;
        uint256 marketRows;
        uint256 stepSlots; // liquidation steps
        uint256 requestSlots; // forced withdrawal requests served per batch
        uint256 accountRows; // owner-data rows (the circuit's account table)
        bool riskCommitment; // a -pm circuit: d ends with the commitment to its risk rows
    }

    /// Number of elements of d.
    function length(Layout memory l) internal pure returns (uint256) {
        return l.riskCommitment ? riskCommitmentAt(l) + 1 : riskCommitmentAt(l);
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

    /// Index of the first liquidation step (one element each).
    function stepsAt(Layout memory l) internal pure returns (uint256) {
        return marketsAt(l) + l.marketRows;
    }

    /// Index of the request section, when the circuit has request slots: the first request the
    /// batch serves (queue index), how many it serves, the served records (REQUEST_WIDTH elements
    /// each, used slots first), then what each was paid.
    function requestsAt(Layout memory l) internal pure returns (uint256) {
        return stepsAt(l) + l.stepSlots;
    }

    /// Index of the first amount paid to a served request.
    function requestPaymentsAt(Layout memory l) internal pure returns (uint256) {
        return requestsAt(l) + 2 + REQUEST_WIDTH * l.requestSlots;
    }

    /// Index of the owner data, when the circuit has account rows (OWNER_HEADER, then OWNER_ROW
    /// elements per row).
    function ownerDataAt(Layout memory l) internal pure returns (uint256) {
        return l.requestSlots == 0 ? requestsAt(l) : requestPaymentsAt(l) + l.requestSlots;
    }

    /// Index of the risk commitment, when the circuit is a -pm one (the end of d without one): the
    /// hash of the risk rows the batch's portfolio requirements were checked at (docs/settlement.md,
    /// "Portfolio margin in the circuit").
    function riskCommitmentAt(Layout memory l) internal pure returns (uint256) {
        uint256 owner = l.accountRows == 0 ? 0 : OWNER_HEADER + OWNER_ROW * l.accountRows;
        return ownerDataAt(l) + owner;
    }

    /// Index of the first blob section, when the owner rows are in blobs (after the owner header).
    function blobSectionAt(Layout memory l) internal pure returns (uint256) {
        return ownerDataAt(l) + OWNER_HEADER;
    }

    /// Number of elements of d when the owner rows are in `blobs` blobs: a blob section per blob
    /// in their place (a blob bridge takes no -pm circuit: SettlementBlobBridge).
    function blobLength(Layout memory l, uint256 blobs) internal pure returns (uint256) {
        return blobSectionAt(l) + BLOB_SECTION * blobs;
    }

    /// Number of elements of d when the owner rows are in one slot of a blob shared with another
    /// segment: a pair section in their place (SettlementBlobPairBridge).
    function pairLength(Layout memory l) internal pure returns (uint256) {
        return blobSectionAt(l) + BLOB_PAIR_SECTION;
    }

    /// The first element of a forced withdrawal request: account + 2^24 nonce + 2^88 maxAmount.
    function requestWord(uint256 account, uint256 nonce, uint256 maxAmount)
        internal
        pure
        returns (uint256)
    {
        return account | nonce << 24 | maxAmount << 88;
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
