// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SettlementBridge} from "../src/SettlementBridge.sol";
import {IVerifier} from "../src/IVerifier.sol";
import {SettlementData as D} from "../src/SettlementData.sol";
import {SettlementSetUp} from "./SettlementSetUp.sol";
import {AcceptingVerifier} from "./SyntheticBatches.sol";

/// The capacity rule (docs/settlement.md, "Capacity rule"): neither the constructor nor governance
/// puts in force a circuit with request slots that cannot serve some forced request, since such a
/// request would let anyone freeze the bridge at its deadline. The rule is checked against the
/// markets the genesis lists, fixed at deployment.
contract CapacityRuleTest is SettlementSetUp {
    AcceptingVerifier internal next;

    function setUp() public override {
        super.setUp();
        next = new AcceptingVerifier();
    }

    function deployListing(uint256 markets, D.Layout memory l) internal returns (SettlementBridge) {
        return new SettlementBridge(
            IERC20(address(token)),
            verifier,
            l,
            exitVerifier,
            EXIT_DEADLINE,
            OPERATOR,
            timelock,
            GUARDIAN,
            0,
            markets,
            VERIFY_GAS
        );
    }

    /// A bridge whose genesis lists `markets`, at a circuit without request slots.
    function listing(uint256 markets) internal returns (SettlementBridge) {
        return deployListing(markets, fixtureLayout());
    }

    /// What the timelock executes once its delay has passed.
    function governSetVerifier(SettlementBridge b, D.Layout memory l) internal {
        vm.prank(address(timelock));
        b.setVerifier(next, l);
    }

    function test_theBridgeKeepsTheMarketsItsGenesisLists() public {
        assertEq(bridge.genesisMarkets(), GENESIS_MARKETS);
        assertEq(listing(64).genesisMarkets(), 64);
    }

    function test_aGenesisWithoutMarketsOrWithMoreThanIdsCanNameIsRefused() public {
        vm.expectRevert(
            abi.encodeWithSelector(SettlementBridge.GenesisMarketsOutOfRange.selector, 0)
        );
        listing(0);
        vm.expectRevert(
            abi.encodeWithSelector(SettlementBridge.GenesisMarketsOutOfRange.selector, 257)
        );
        listing(257);
        assertEq(listing(256).genesisMarkets(), 256);
    }

    /// Three listed markets: a request's account may hold all three, a circuit with request slots
    /// needs three market rows (tiny_l2_q1's one row and Forced's two are refused).
    function test_governanceCannotInstallRequestSlotsWithTooFewMarketRows() public {
        SettlementBridge b = listing(3);
        D.Layout[2] memory short =
            [D.Layout(2, 1, 1, 2, 1, 2, false), D.Layout(3, 2, 2, 8, 3, 0, false)];
        for (uint256 i = 0; i < short.length; i++) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    SettlementBridge.RequestsNeedMarketRows.selector, short[i].marketRows, 3
                )
            );
            governSetVerifier(b, short[i]);
        }
        assertEq(address(b.verifier()), address(verifier), "the old verifier stays");
    }

    /// An account holds positions in at most 8 markets: with 64 listed, 7 rows are refused and 8
    /// are enough.
    function test_eightMarketRowsServeAnyGenesis() public {
        SettlementBridge b = listing(64);
        vm.expectRevert(
            abi.encodeWithSelector(SettlementBridge.RequestsNeedMarketRows.selector, 7, 8)
        );
        governSetVerifier(b, D.Layout(2, 1, 7, 2, 1, 2, false));
        governSetVerifier(b, D.Layout(2, 1, 8, 2, 1, 2, false));
        assertEq(address(b.verifier()), address(next));
        assertEq(b.layout().marketRows, 8);
    }

    /// With liquidation steps the fund has row 0: a request's account needs a second row (known
    /// from the owner-data section's account rows).
    function test_requestSlotsWithStepsNeedAnAccountRowBesideTheFunds() public {
        vm.expectRevert(
            abi.encodeWithSelector(SettlementBridge.RequestsNeedAccountRows.selector, 1, 2)
        );
        governSetVerifier(bridge, D.Layout(2, 1, 1, 2, 1, 1, false));
        governSetVerifier(bridge, D.Layout(2, 1, 1, 0, 1, 1, false)); // no steps: row 0 is the account's
        assertEq(bridge.layout().accountRows, 1);
    }

    /// The node's default (tiny_l2_q1_owner) at its one market, and the 8-row preset
    /// (tiny_m8_l2_q1_owner) at three markets, are accepted; a circuit without request slots
    /// serves none, whatever its rows.
    function test_circuitsThatServeEveryRequestAreAccepted() public {
        governSetVerifier(bridge, D.Layout(2, 1, 1, 2, 1, 2, false));
        assertEq(bridge.layout().requestSlots, 1);
        SettlementBridge three = listing(3);
        governSetVerifier(three, D.Layout(2, 1, 8, 2, 1, 2, false));
        assertEq(three.layout().marketRows, 8);
        governSetVerifier(three, D.Layout(2, 1, 1, 2, 0, 2, false));
        assertEq(three.layout().requestSlots, 0);
    }

    /// The constructor applies the same rule to the first circuit.
    function test_theConstructorRefusesACircuitThatCannotServeEveryRequest() public {
        vm.expectRevert(
            abi.encodeWithSelector(SettlementBridge.RequestsNeedMarketRows.selector, 1, 3)
        );
        deployListing(3, D.Layout(2, 1, 1, 2, 1, 2, false));
        vm.expectRevert(
            abi.encodeWithSelector(SettlementBridge.RequestsNeedAccountRows.selector, 1, 2)
        );
        deployListing(1, D.Layout(2, 1, 1, 2, 1, 1, false));
        assertEq(deployListing(3, D.Layout(2, 1, 3, 2, 1, 2, false)).layout().marketRows, 3);
    }

    /// Any layout against any genesis: installed exactly when the rule holds, else refused with
    /// the rule's error and the old layout kept.
    function testFuzz_setVerifierAppliesTheRule(
        uint8 marketRows,
        uint8 steps,
        uint8 requests,
        uint8 accountRows,
        uint16 markets
    ) public {
        markets = uint16(bound(markets, 1, D.MARKET_IDS));
        SettlementBridge b = listing(markets);
        D.Layout memory l = D.Layout(2, 1, marketRows, steps, requests, accountRows, false);
        uint256 needed = markets < D.POSITION_SLOTS ? markets : D.POSITION_SLOTS;
        bool rowsShort = requests != 0 && marketRows < needed;
        bool accountShort = requests != 0 && steps != 0 && accountRows == 1;
        if (rowsShort) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    SettlementBridge.RequestsNeedMarketRows.selector, marketRows, needed
                )
            );
        } else if (accountShort) {
            vm.expectRevert(
                abi.encodeWithSelector(SettlementBridge.RequestsNeedAccountRows.selector, 1, 2)
            );
        }
        governSetVerifier(b, l);
        if (rowsShort || accountShort) {
            assertEq(address(b.verifier()), address(verifier));
            assertEq(b.layout().marketRows, fixtureLayout().marketRows);
        } else {
            assertEq(address(b.verifier()), address(next));
            assertEq(b.layout().marketRows, marketRows);
            assertEq(b.layout().requestSlots, requests);
        }
    }
}
