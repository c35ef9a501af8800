// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title Where things are in an exit's data
/// @notice The exit circuit (circuits/exit) binds its proof to the exit data d, field elements
/// bound exactly as a batch's public data is (PublicData.sol): the chain id, the bridge, the state
/// root the exit is proven against, the account, the recipient, the amount (the account's equity),
/// then for each of the account's eight position slots the market row the position was valued at
/// (the row the bridge stores for that market; 0 for an empty slot).
library ExitData {
    uint256 internal constant CHAIN_ID = 0;
    uint256 internal constant CONTRACT = 1;
    uint256 internal constant STATE_ROOT = 2;
    uint256 internal constant ACCOUNT = 3;
    uint256 internal constant RECIPIENT = 4;
    uint256 internal constant AMOUNT = 5;
    /// The first slot's market row.
    uint256 internal constant ROWS = 6;
    /// Position slots of an account leaf.
    uint256 internal constant SLOTS = 8;
    uint256 internal constant LENGTH = ROWS + SLOTS;
}
