package dev.sable.archfixture;

/** Test-only: a class of ours outside the engine (see EngineArchitectureTest). */
public final class Outside {
  public static int answer() {
    return 42;
  }
}
