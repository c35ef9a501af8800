// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {SettlementBridge} from "../src/SettlementBridge.sol";
import {IVerifier} from "../src/IVerifier.sol";
import {SettlementData} from "../src/SettlementData.sol";
import {TestCollateral} from "../src/devnet/TestCollateral.sol";
import {SettlementVerifier} from "./fixtures/SettlementVerifier.sol";
import {ExitVerifier} from "./fixtures/ExitVerifier.sol";
import {SettlementFixture as F} from "./fixtures/SettlementFixture.sol";

/// Roles, a timelock and helpers shared by the settlement bridge's tests.
abstract contract BridgeActors is Test {
    address internal constant OPERATOR = address(0x5AB1E);
    address internal constant PROPOSER = address(0x6017);
    address internal constant GUARDIAN = address(0x6A4D);
    uint64 internal constant VERIFY_GAS = 400_000;
    /// Markets the bridges' genesis lists (the rule for request slots: at least this many rows).
    uint256 internal constant GENESIS_MARKETS = 1;
    uint256 internal constant DELAY = 7 days;
    /// Seconds the operator has to serve a forced withdrawal request (days in production).
    uint256 internal constant EXIT_DEADLINE = 1 hours;
    /// After every batch of the fixture (their times are 1000 to 1100).
    uint256 internal constant NOW = 2000;

    /// A self-administered timelock: PROPOSER proposes and executes, nobody can skip the delay.
    function newTimelock() internal returns (TimelockController) {
        address[] memory members = new address[](1);
        members[0] = PROPOSER;
        return new TimelockController(DELAY, members, members, address(0));
    }

    function fixtureLayout() internal pure returns (SettlementData.Layout memory) {
        return
            SettlementData.Layout(
                F.DEPOSIT_SLOTS, F.WITHDRAWAL_SLOTS, F.MARKET_ROWS, 0, 0, 0, false
            );
    }

    /// Mints, approves and deposits as `sender`; returns the queue index.
    function depositAs(
        SettlementBridge bridge,
        address sender,
        uint256 account,
        uint256 keyX,
        uint256 keyY,
        uint256 amount
    ) internal returns (uint256 index) {
        TestCollateral(address(bridge.token())).mint(sender, amount);
        vm.startPrank(sender);
        bridge.token().approve(address(bridge), amount);
        index = bridge.deposit(account, keyX, keyY, amount);
        vm.stopPrank();
    }
}

/// The fixture's world: the collateral token, the fixture's verifiers and the bridge at the address
/// the fixture's batches and exits are signed for (the first contract anvil's dev account 9
/// creates).
abstract contract SettlementSetUp is BridgeActors {
    TestCollateral internal token;
    IVerifier internal verifier;
    IVerifier internal exitVerifier;
    TimelockController internal timelock;
    SettlementBridge internal bridge;

    function setUp() public virtual {
        token = new TestCollateral();
        verifier = IVerifier(address(new SettlementVerifier()));
        exitVerifier = IVerifier(address(new ExitVerifier()));
        timelock = newTimelock();
        bridge = deployBridge(collateral());
        vm.warp(NOW);
    }

    /// The token the bridge holds (the test collateral unless a test needs another).
    function collateral() internal virtual returns (IERC20) {
        return IERC20(address(token));
    }

    /// A bridge holding `held`, set up as the fixture's, at whatever address the caller gets.
    function newBridge(IERC20 held) internal returns (SettlementBridge) {
        return new SettlementBridge(
            held,
            verifier,
            fixtureLayout(),
            exitVerifier,
            EXIT_DEADLINE,
            OPERATOR,
            timelock,
            GUARDIAN,
            F.GENESIS_ROOT,
            GENESIS_MARKETS,
            VERIFY_GAS
        );
    }

    /// The bridge at the fixture's address (the first contract its deployer creates).
    function deployBridge(IERC20 held) internal returns (SettlementBridge b) {
        vm.prank(F.DEPLOYER);
        b = newBridge(held);
        assertEq(address(b), F.BRIDGE, "the fixture is signed for another bridge address");
    }

    /// Queues fixture deposit i (its sender, account, key and amount).
    function queue(uint256 i) internal returns (uint256 index) {
        F.Deposit memory d = F.deposits()[i];
        return depositAs(bridge, d.sender, d.account, d.keyX, d.keyY, d.amount);
    }

    /// Queues every deposit the fixture's batches consume, in order.
    function queueAll() internal {
        for (uint256 i = 0; i < F.deposits().length; i++) {
            queue(i);
        }
    }

    function submit(uint256 n) internal {
        F.Batch memory b = F.batch(n);
        submit(b.publicData, b.commitment, b.proof);
    }

    function submit(uint256[] memory d, uint256 c, bytes memory proof) internal {
        vm.prank(OPERATOR);
        bridge.submitBatch(d, c, proof);
    }

    /// Expects batch n, with public data d, to revert with `reason`.
    function expectRejected(uint256 n, uint256[] memory d, bytes memory reason) internal {
        F.Batch memory b = F.batch(n);
        vm.expectRevert(reason);
        submit(d, b.commitment, b.proof);
    }

    function publicData(uint256 n) internal pure returns (uint256[] memory) {
        return F.batch(n).publicData;
    }
}
