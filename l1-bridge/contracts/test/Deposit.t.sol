// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {SettlementBridge} from "../src/SettlementBridge.sol";
import {SettlementCustody} from "../src/SettlementCustody.sol";
import {SettlementData} from "../src/SettlementData.sol";
import {RecordChain} from "../src/RecordChain.sol";
import {PublicData} from "../src/PublicData.sol";
import {SettlementSetUp} from "./SettlementSetUp.sol";
import {SettlementFixture as F} from "./fixtures/SettlementFixture.sol";

/// A token that keeps 1% of every transfer: the bridge must not credit what it did not receive.
contract FeeOnTransferToken is ERC20 {
    constructor() ERC20("Fee", "FEE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) return super._update(from, to, value);
        uint256 fee = value / 100;
        super._update(from, address(0xFEE), fee);
        super._update(from, to, value - fee);
    }
}

/// Deposits: the queue's records, its running hash, and what it refuses.
contract DepositTest is SettlementSetUp {
    function test_aDepositPullsTheTokensAndJoinsTheQueue() public {
        F.Deposit memory d = F.deposits()[0];
        token.mint(d.sender, d.amount);
        vm.prank(d.sender);
        token.approve(address(bridge), d.amount);
        vm.expectEmit(true, true, true, true, address(bridge));
        emit SettlementCustody.DepositQueued(0, d.account, d.sender, d.amount, d.keyX, d.keyY);
        vm.prank(d.sender);
        assertEq(bridge.deposit(d.account, d.keyX, d.keyY, d.amount), 0);
        assertEq(queue(1), 1);
        assertEq(bridge.depositsQueued(), 2);
        assertEq(bridge.depositsConsumed(), 0);
        assertEq(token.balanceOf(address(bridge)), d.amount + F.deposits()[1].amount);
        assertEq(token.balanceOf(d.sender), 0);
    }

    /// The chain the bridge stores is the one a batch's records (as Go laid them out) extend to.
    function test_theChainHashesTheRecordsAsThePublicDataListsThem() public {
        queue(0);
        queue(1);
        uint256[] memory d = publicData(1);
        uint256 at = SettlementData.HEADER; // the first deposit record
        bytes32 chain = RecordChain.linkDeposit(bytes32(0), d[at], d[at + 1], d[at + 2]);
        assertEq(bridge.depositChain(1), chain);
        assertEq(
            bridge.depositChain(2), RecordChain.linkDeposit(chain, d[at + 3], d[at + 4], d[at + 5])
        );
        assertEq(bridge.depositChain(0), bytes32(0));
    }

    function test_depositsGoOnWhileBatchesArePaused() public {
        vm.prank(GUARDIAN);
        bridge.pause();
        queue(0);
        assertEq(bridge.depositsQueued(), 1);
    }

    function test_rejectsAnAccountOutsideTheTree() public {
        uint256 limit = bridge.ACCOUNT_LIMIT();
        vm.expectRevert(abi.encodeWithSelector(SettlementCustody.AccountOutOfRange.selector, limit));
        bridge.deposit(limit, 1, 2, 100);
        depositAs(bridge, address(0xA11CE), limit - 1, 1, 2, 100);
    }

    function test_rejectsAmountsTheCollateralCannotHold() public {
        vm.expectRevert(abi.encodeWithSelector(SettlementCustody.AmountOutOfRange.selector, 0));
        bridge.deposit(1, 1, 2, 0);
        uint256 limit = bridge.AMOUNT_LIMIT();
        vm.expectRevert(abi.encodeWithSelector(SettlementCustody.AmountOutOfRange.selector, limit));
        bridge.deposit(1, 1, 2, limit);
        depositAs(bridge, address(0xA11CE), 1, 1, 2, limit - 1);
    }

    /// A key element >= r could never appear in a batch's public data: the queue would stall.
    function test_rejectsAKeyOutsideTheField() public {
        uint256 r = PublicData.R;
        vm.expectRevert(abi.encodeWithSelector(SettlementCustody.KeyNotInField.selector, r, 2));
        bridge.deposit(1, r, 2, 100);
        vm.expectRevert(abi.encodeWithSelector(SettlementCustody.KeyNotInField.selector, 1, r));
        bridge.deposit(1, 1, r, 100);
    }

    function test_rejectsADepositWithoutAllowance() public {
        address sender = address(0xA11CE);
        token.mint(sender, 100);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(bridge), 0, 100
            )
        );
        vm.prank(sender);
        bridge.deposit(1, 1, 2, 100);
        assertEq(bridge.depositsQueued(), 0);
    }

    function test_rejectsATokenThatDeliversLessThanTheAmount() public {
        FeeOnTransferToken fee = new FeeOnTransferToken();
        SettlementBridge feeBridge = newBridge(IERC20(address(fee)));
        address sender = address(0xA11CE);
        fee.mint(sender, 1000);
        vm.startPrank(sender);
        fee.approve(address(feeBridge), 1000);
        vm.expectRevert(
            abi.encodeWithSelector(SettlementCustody.TokenAmountMismatch.selector, 1000, 990)
        );
        feeBridge.deposit(1, 1, 2, 1000);
        vm.stopPrank();
    }

    /// Any record within the limits joins the queue exactly as a batch will list it.
    function testFuzz_theQueueRecordsWhatWasDeposited(
        address sender,
        uint256 account,
        uint256 keyX,
        uint256 keyY,
        uint256 amount
    ) public {
        vm.assume(sender != address(0) && sender != address(bridge));
        account = bound(account, 0, bridge.ACCOUNT_LIMIT() - 1);
        keyX = bound(keyX, 0, PublicData.R - 1);
        keyY = bound(keyY, 0, PublicData.R - 1);
        amount = bound(amount, 1, bridge.AMOUNT_LIMIT() - 1);
        queue(0);
        bytes32 before = bridge.depositChain(1);
        uint256 index = depositAs(bridge, sender, account, keyX, keyY, amount);
        assertEq(index, 1);
        uint256 record = SettlementData.depositRecord(account, amount, sender);
        assertEq(SettlementData.depositAmount(record), amount);
        assertEq(SettlementData.depositSender(record), sender);
        assertEq(record & (bridge.ACCOUNT_LIMIT() - 1), account);
        assertLt(record, PublicData.R);
        assertEq(bridge.depositChain(2), RecordChain.linkDeposit(before, record, keyX, keyY));
        assertEq(token.balanceOf(address(bridge)), F.deposits()[0].amount + amount);
    }

    /// Records outside the limits are refused whatever else they hold.
    function testFuzz_outOfRangeRecordsAreRefused(uint256 account, uint256 amount) public {
        account = bound(account, bridge.ACCOUNT_LIMIT(), type(uint256).max);
        amount = bound(amount, bridge.AMOUNT_LIMIT(), type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(SettlementCustody.AccountOutOfRange.selector, account)
        );
        bridge.deposit(account, 1, 2, 1);
        vm.expectRevert(abi.encodeWithSelector(SettlementCustody.AmountOutOfRange.selector, amount));
        bridge.deposit(1, 1, 2, amount);
    }
}
