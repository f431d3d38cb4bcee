namespace PrintFarm.Harness;

/// <summary>Where the built farm programs are: beside the sources, in the same configuration as the caller.</summary>
public static class FarmBinaries
{
    public static string RepositoryRoot { get; } = FindRoot();

#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    /// <param name="program">"Silo", "Gateway" or "PrinterSimulator".</param>
    public static string Dll(string program)
    {
        var dll = Path.Combine(RepositoryRoot, "src", program, "bin", Configuration, "net10.0", $"PrintFarm.{program}.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is not built; build PrintFarm.sln -c {Configuration} first (./farm test does).");
    }

    /// <summary>The repository's .farm folder, where everything a run writes belongs.</summary>
    public static string FarmDirectory => Path.Combine(RepositoryRoot, ".farm");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PrintFarm.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"PrintFarm.sln not found above {AppContext.BaseDirectory}.");
    }
}
