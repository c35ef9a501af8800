// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title A collateral token for development chains only
/// @notice A plain OpenZeppelin ERC-20 with 6 decimals (like USDC) that anyone can mint: the dev
/// chain and the tests fund traders with it. Never deploy it where tokens must be worth anything.
contract TestCollateral is ERC20 {
    constructor() ERC20("Sable Test Collateral", "tUSD") {}

    /// @notice Mints amount to the given account; open to anyone (development only).
    /// @param to who receives the tokens
    /// @param amount in base units (6 decimals)
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice 6 decimals, as USDC.
    function decimals() public pure override returns (uint8) {
        return 6;
    }
}
