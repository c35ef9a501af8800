// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {SettlementBridge} from "../src/SettlementBridge.sol";
import {BridgeRoles} from "../src/BridgeRoles.sol";
import {IVerifier} from "../src/IVerifier.sol";
import {PublicData} from "../src/PublicData.sol";
import {SettlementData as D} from "../src/SettlementData.sol";
import {SettlementSetUp} from "./SettlementSetUp.sol";
import {AcceptingVerifier} from "./SyntheticBatches.sol";
import {SettlementFixture as F} from "./fixtures/SettlementFixture.sol";

/// The settlement bridge's verifier and capacities change only through governance; its
/// constructor refuses what no batch could ever follow.
contract SettlementBridgeAdminTest is SettlementSetUp {
    function governed(bytes memory call) internal returns (bytes32 id) {
        vm.prank(PROPOSER);
        timelock.schedule(address(bridge), 0, call, bytes32(0), bytes32(0), DELAY);
        id = timelock.hashOperation(address(bridge), 0, call, bytes32(0), bytes32(0));
    }

    function execute(bytes memory call) internal {
        vm.prank(PROPOSER);
        timelock.execute(address(bridge), 0, call, bytes32(0), bytes32(0));
    }

    function test_theVerifierReportsTheKeyHashGoComputed() public view {
        assertEq(bridge.verifyingKeyHash(), F.VK_HASH);
        D.Layout memory l = bridge.layout();
        assertEq(l.depositSlots, F.DEPOSIT_SLOTS);
        assertEq(l.withdrawalSlots, F.WITHDRAWAL_SLOTS);
        assertEq(l.marketRows, F.MARKET_ROWS);
    }

    /// A new circuit version (other capacities) takes effect only after the delay; until then the
    /// current one's batches are accepted, afterwards they no longer fit.
    function test_aNewVerifierAndItsCapacitiesComeOnlyThroughTheTimelock() public {
        queueAll();
        AcceptingVerifier next = new AcceptingVerifier();
        D.Layout memory bigger = D.Layout(4, 3, 2, 0, 0, 0, false);
        bytes memory call = abi.encodeCall(SettlementBridge.setVerifier, (next, bigger));
        bytes32 id = governed(call);
        vm.warp(block.timestamp + DELAY - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockUnexpectedOperationState.selector,
                id,
                bytes32(uint256(4)) // expected: Ready
            )
        );
        execute(call);
        submit(1);

        vm.warp(block.timestamp + 1);
        vm.expectEmit(true, true, false, true, address(bridge));
        emit SettlementBridge.VerifierChanged(
            address(verifier), address(next), next.verifyingKeyHash(), bigger
        );
        execute(call);
        assertEq(address(bridge.verifier()), address(next));
        assertEq(bridge.layout().depositSlots, 4);
        uint256[] memory d = publicData(2);
        expectRejected(
            2,
            d,
            abi.encodeWithSelector(
                SettlementBridge.WrongPublicDataLength.selector, D.length(bigger), d.length
            )
        );
    }

    function test_nobodyButGovernanceReplacesTheVerifier() public {
        AcceptingVerifier next = new AcceptingVerifier();
        address[3] memory callers = [OPERATOR, GUARDIAN, PROPOSER];
        for (uint256 i = 0; i < callers.length; i++) {
            vm.expectRevert(abi.encodeWithSelector(BridgeRoles.NotGovernance.selector, callers[i]));
            vm.prank(callers[i]);
            bridge.setVerifier(next, fixtureLayout());
        }
    }

    function test_capacitiesNoCircuitHasAreRefused() public {
        AcceptingVerifier next = new AcceptingVerifier();
        D.Layout[3] memory bad = [
            D.Layout(0, 1, 1, 0, 0, 0, false),
            D.Layout(249, 1, 1, 0, 0, 0, false),
            D.Layout(2, 0, 1, 0, 0, 0, false)
        ];
        for (uint256 i = 0; i < bad.length; i++) {
            bytes memory call = abi.encodeCall(SettlementBridge.setVerifier, (next, bad[i]));
            governed(call);
            vm.warp(block.timestamp + DELAY);
            vm.expectRevert(
                abi.encodeWithSelector(
                    SettlementBridge.LayoutOutOfRange.selector,
                    bad[i].depositSlots,
                    bad[i].withdrawalSlots,
                    bad[i].marketRows
                )
            );
            execute(call);
        }
    }

    function deploy(address collateral, address v, uint256 root, D.Layout memory l)
        internal
        returns (SettlementBridge)
    {
        return new SettlementBridge(
            IERC20(collateral),
            IVerifier(v),
            l,
            exitVerifier,
            EXIT_DEADLINE,
            OPERATOR,
            timelock,
            GUARDIAN,
            root,
            GENESIS_MARKETS,
            VERIFY_GAS
        );
    }

    function test_theConstructorRefusesWhatNoBatchCouldFollow() public {
        address v = address(verifier);
        address t = address(token);
        vm.expectRevert(BridgeRoles.ZeroAddress.selector);
        deploy(address(0), v, 0, fixtureLayout());
        vm.expectRevert(abi.encodeWithSelector(BridgeRoles.NotAContract.selector, address(0xDEAD)));
        deploy(address(0xDEAD), v, 0, fixtureLayout());
        vm.expectRevert(BridgeRoles.ZeroAddress.selector);
        deploy(t, address(0), 0, fixtureLayout());
        vm.expectRevert(
            abi.encodeWithSelector(SettlementBridge.GenesisRootNotInField.selector, PublicData.R)
        );
        deploy(t, v, PublicData.R, fixtureLayout());
        vm.expectRevert(abi.encodeWithSelector(SettlementBridge.LayoutOutOfRange.selector, 0, 1, 1));
        deploy(t, v, 0, D.Layout(0, 1, 1, 0, 0, 0, false));
        deploy(t, v, PublicData.R - 1, fixtureLayout());
    }

    function test_theRolesAreCheckedAsOnEveryBridge() public {
        vm.expectRevert(BridgeRoles.ZeroAddress.selector);
        new SettlementBridge(
            IERC20(address(token)),
            verifier,
            fixtureLayout(),
            exitVerifier,
            EXIT_DEADLINE,
            address(0),
            timelock,
            GUARDIAN,
            0,
            GENESIS_MARKETS,
            VERIFY_GAS
        );
        address[] memory members = new address[](1);
        members[0] = PROPOSER;
        TimelockController quick = new TimelockController(1 days, members, members, address(0));
        vm.expectRevert(
            abi.encodeWithSelector(BridgeRoles.GovernanceDelayTooShort.selector, 1 days, DELAY)
        );
        new SettlementBridge(
            IERC20(address(token)),
            verifier,
            fixtureLayout(),
            exitVerifier,
            EXIT_DEADLINE,
            OPERATOR,
            quick,
            GUARDIAN,
            0,
            GENESIS_MARKETS,
            VERIFY_GAS
        );
    }
}
