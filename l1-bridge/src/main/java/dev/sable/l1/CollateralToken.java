package dev.sable.l1;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.tx.RawTransactionManager;

/** One account's handle on an ERC-20 token: balances, allowances, approvals. */
public class CollateralToken {
  private static final BigInteger APPROVE_GAS_LIMIT = BigInteger.valueOf(100_000);

  private final ContractCalls token;

  CollateralToken(ContractCalls token) {
    this.token = token;
  }

  /** The token at {@code address}, used by {@code holder}. */
  public static CollateralToken attach(
      Web3j web3j, Credentials holder, long chainId, String address) {
    return new CollateralToken(
        new ContractCalls(web3j, new RawTransactionManager(web3j, holder, chainId), address));
  }

  public String address() {
    return token.address();
  }

  public BigInteger balanceOf(String account) {
    return (BigInteger)
        token.read("balanceOf", new TypeReference<Uint256>() {}, new Address(account));
  }

  public BigInteger allowance(String owner, String spender) {
    return (BigInteger)
        token.read(
            "allowance", new TypeReference<Uint256>() {}, new Address(owner), new Address(spender));
  }

  /** Lets {@code spender} pull up to {@code amount} of the holder's tokens. */
  public void approve(String spender, BigInteger amount) {
    token.send(
        new Function("approve", List.of(new Address(spender), new Uint256(amount)), List.of()),
        APPROVE_GAS_LIMIT,
        (reason, tx) -> new BridgeRevertedException("approve refused", reason, tx));
  }

  ContractCalls calls() {
    return token;
  }
}
