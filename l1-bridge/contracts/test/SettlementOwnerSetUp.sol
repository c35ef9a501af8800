// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {SettlementBridge} from "../src/SettlementBridge.sol";
import {IVerifier} from "../src/IVerifier.sol";
import {SettlementData as D} from "../src/SettlementData.sol";
import {TestCollateral} from "../src/devnet/TestCollateral.sol";
import {BridgeActors} from "./SettlementSetUp.sol";
import {ExitVerifier} from "./fixtures/ExitVerifier.sol";
import {SettlementOwnerVerifier} from "./fixtures/SettlementOwnerVerifier.sol";
import {SettlementOwnerFixture as O} from "./fixtures/SettlementOwnerFixture.sol";

/// The owner-data fixture's world: a bridge with account rows (the TinyOwner circuit's verifier
/// and layout) at the address its batches are signed for, with the fixture's deposits queued.
/// The chain has no exits; the main fixture's exit verifier stands in. The blob and portfolio
/// chains' set-ups build on it (their fixtures share its deployer, address and deposits).
abstract contract SettlementOwnerSetUp is BridgeActors {
    TestCollateral internal token;
    SettlementBridge internal bridge;

    function setUp() public virtual {
        token = new TestCollateral();
        vm.warp(NOW);
    }

    function ownerLayout() internal pure returns (D.Layout memory) {
        return
            D.Layout(
                O.DEPOSIT_SLOTS, O.WITHDRAWAL_SLOTS, O.MARKET_ROWS, 0, 0, O.ACCOUNT_ROWS, false
            );
    }

    /// Deploys a bridge with `verifier` and `layout` at the fixtures' address (the owner, blob and
    /// portfolio fixtures all sign for the first contract their deployer creates) and queues the
    /// fixtures' deposits (the chains consume the same ones).
    function deployAtFixtureAddress(IVerifier verifier, D.Layout memory layout, uint256 genesis)
        internal
    {
        deployAtFixtureAddress(type(SettlementBridge).creationCode, verifier, layout, genesis, "");
    }

    /// The same with the bridge's creation code given: a SettlementBridge's or a contract's that
    /// takes SettlementBridge's constructor arguments, then the ABI-encoded `moreArgs`
    /// (SettlementBlobBridge: its blob count).
    function deployAtFixtureAddress(
        bytes memory creationCode,
        IVerifier verifier,
        D.Layout memory layout,
        uint256 genesis,
        bytes memory moreArgs
    ) internal {
        IVerifier exitVerifier = IVerifier(address(new ExitVerifier()));
        TimelockController governance = newTimelock();
        bytes memory code = bytes.concat(
            creationCode,
            abi.encode(
                token,
                verifier,
                layout,
                exitVerifier,
                EXIT_DEADLINE,
                OPERATOR,
                governance,
                GUARDIAN,
                genesis,
                GENESIS_MARKETS,
                VERIFY_GAS
            ),
            moreArgs
        );
        address deployed;
        vm.prank(O.DEPLOYER);
        assembly {
            deployed := create(0, add(code, 32), mload(code))
        }
        assertTrue(deployed != address(0), "the bridge's constructor reverted");
        bridge = SettlementBridge(deployed);
        assertEq(address(bridge), O.BRIDGE, "the fixture is signed for another bridge address");
        O.Deposit[] memory deposits = O.deposits();
        for (uint256 i = 0; i < deposits.length; i++) {
            O.Deposit memory d = deposits[i];
            depositAs(bridge, d.sender, d.account, d.keyX, d.keyY, d.amount);
        }
    }

    function deployOwnerBridge() internal {
        deployAtFixtureAddress(
            IVerifier(address(new SettlementOwnerVerifier())), ownerLayout(), O.GENESIS_ROOT
        );
    }

    /// Expects the next call to revert for public data of `given` elements where the bridge's
    /// layout wants `wanted`.
    function expectWrongLength(uint256 wanted, uint256 given) internal {
        vm.expectRevert(
            abi.encodeWithSelector(SettlementBridge.WrongPublicDataLength.selector, wanted, given)
        );
    }

    function submit(uint256[] memory d, uint256 c, bytes memory proof) internal {
        vm.prank(OPERATOR);
        bridge.submitBatch(d, c, proof);
    }
}
