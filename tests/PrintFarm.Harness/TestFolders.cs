namespace PrintFarm.Harness;

/// <summary>Where tests write their databases, brokers and logs.</summary>
public static class TestFolders
{
    /// <summary>
    /// FARM_TEST_DIR when set (<c>./farm test</c> sets it), otherwise <c>.farm/test</c> in the
    /// repository: nothing a test writes lands outside it, however the tests are run.
    /// </summary>
    public static string Root =>
        Environment.GetEnvironmentVariable("FARM_TEST_DIR") ?? Path.Combine(FarmBinaries.FarmDirectory, "test");
}
