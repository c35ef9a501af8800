// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {BridgeRoles} from "../src/BridgeRoles.sol";
import {PublicData} from "../src/PublicData.sol";
import {SettlementData as D} from "../src/SettlementData.sol";
import {SettlementOwnerSetUp} from "./SettlementOwnerSetUp.sol";
import {SettlementFixture as F} from "./fixtures/SettlementFixture.sol";
import {SettlementOwnerFixture as O} from "./fixtures/SettlementOwnerFixture.sol";

/// A bridge with account rows accepts the real proofs of the TinyOwner chain and refuses a batch
/// whose owner data differs from the proven one, with the real verifier.
contract SettlementOwnerDataTest is SettlementOwnerSetUp {
    /// Where row r of the owner data starts: its tag (2^24 + account, 0 when unused), its leaf,
    /// then 11 ciphertext elements.
    function rowAt(uint256 r) internal pure returns (uint256) {
        return D.ownerDataAt(ownerLayout()) + D.OWNER_HEADER + D.OWNER_ROW * r;
    }

    function setUp() public override {
        super.setUp();
        deployOwnerBridge();
    }

    function test_theFixtureHasTheOwnerDataSection() public pure {
        assertEq(O.batch(1).publicData.length, D.length(ownerLayout()));
        assertEq(
            F.batch(1).publicData.length + D.OWNER_HEADER + D.OWNER_ROW * O.ACCOUNT_ROWS,
            D.length(ownerLayout())
        );
    }

    /// The calldata bridge of the blob bridge's layout says it does not take blob batches
    /// (SettlementBlobTest: the blob bridge says it does).
    function test_saysItDoesNotTakeBlobBatches() public view {
        assertFalse(bridge.blobBatches());
    }

    function test_acceptsTheChainsRealProofs() public {
        for (uint256 n = 1; n <= O.BATCHES; n++) {
            O.Batch memory b = O.batch(n);
            submit(b.publicData, b.commitment, b.proof);
            assertEq(bridge.stateRoot(), b.newRoot);
        }
        assertEq(bridge.batchCount(), O.BATCHES);
    }

    /// Every batch of the chain changes Alice (5) and Bob (9): both rows are in use.
    function test_eachBatchPublishesItsChangedAccounts() public pure {
        for (uint256 n = 1; n <= O.BATCHES; n++) {
            uint256[] memory d = O.batch(n).publicData;
            uint256 a = d[rowAt(0)];
            uint256 b = d[rowAt(1)];
            assertTrue(a == 2 ** 24 + 5 && b == 2 ** 24 + 9 || a == 2 ** 24 + 9 && b == 2 ** 24 + 5);
        }
    }

    function expectInvalid(uint256[] memory d) internal {
        O.Batch memory b = O.batch(1);
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        submit(d, b.commitment, b.proof);
    }

    function changed(uint256 i) internal pure returns (uint256[] memory d) {
        d = O.batch(1).publicData;
        d[i] = addmod(d[i], 1, PublicData.R);
    }

    function test_refusesAChangedCiphertextElement() public {
        expectInvalid(changed(rowAt(0) + 2));
        expectInvalid(changed(rowAt(1) + D.OWNER_ROW - 1));
    }

    function test_refusesAChangedLeaf() public {
        expectInvalid(changed(rowAt(1) + 1));
    }

    function test_refusesAChangedTag() public {
        expectInvalid(changed(rowAt(0)));
    }

    /// The batch's ephemeral key E (x, y): the last two elements of the header.
    function test_refusesAChangedEphemeralKey() public {
        expectInvalid(changed(rowAt(0) - 2));
        expectInvalid(changed(rowAt(0) - 1));
    }

    /// The new state's account root, the first element of the header (the preimage owners open
    /// the state root with).
    function test_refusesAChangedStatePreimage() public {
        expectInvalid(changed(D.ownerDataAt(ownerLayout())));
    }

    /// A changed account left out: its row published as unused.
    function test_refusesADroppedRow() public {
        uint256[] memory d = O.batch(1).publicData;
        for (uint256 i = rowAt(1); i < rowAt(1) + D.OWNER_ROW; i++) {
            d[i] = 0;
        }
        expectInvalid(d);
    }

    function test_refusesSwappedRows() public {
        uint256[] memory d = O.batch(1).publicData;
        for (uint256 i = 0; i < D.OWNER_ROW; i++) {
            (d[rowAt(0) + i], d[rowAt(1) + i]) = (d[rowAt(1) + i], d[rowAt(0) + i]);
        }
        expectInvalid(d);
    }

    /// The main fixture's batch, proven without the section: the layout refuses it before any
    /// verifier runs.
    function test_refusesABatchWithoutTheSection() public {
        F.Batch memory b = F.batch(1);
        expectWrongLength(D.length(ownerLayout()), b.publicData.length);
        submit(b.publicData, b.commitment, b.proof);
    }
}
