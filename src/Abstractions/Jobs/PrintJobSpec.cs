namespace PrintFarm.Jobs;

/// <summary>What to print: one copy of one order item.</summary>
[GenerateSerializer, Alias("PrintFarm.PrintJobSpec")]
public sealed record PrintJobSpec
{
    [Id(0)] public required string JobId { get; init; }
    [Id(1)] public required string OrderReference { get; init; }
    [Id(2)] public required int ItemIndex { get; init; }
    [Id(3)] public required int Copy { get; init; }
    [Id(4)] public required string Design { get; init; }
    [Id(5)] public required string Material { get; init; }
    [Id(6)] public required string Technology { get; init; }
    [Id(7)] public required int EstimatedPrintSeconds { get; init; }
    /// <summary>Lower goes first: express orders, then the oldest.</summary>
    [Id(8)] public required int Priority { get; init; }
    [Id(9)] public required DateTimeOffset PlacedAt { get; init; }
    /// <summary>The file the printer gets before it starts; null for a job described by hand.</summary>
    [Id(10)] public Designs.PrintFileRef? File { get; init; }
    /// <summary>Only printers of this model take the job (the model its file was sliced for); null: any.</summary>
    [Id(11)] public string? PrinterModel { get; init; }
    /// <summary>The filament one copy uses, from the file.</summary>
    [Id(12)] public double? MaterialGrams { get; init; }
    /// <summary>Its design is a mesh or an unsliced project: the job waits, held, until an operator attaches a sliced file.</summary>
    [Id(13)] public bool NeedsSlicedFile { get; init; }

    /// <summary>
    /// The priority of a job an operator moved to the front: below express orders' 0 and
    /// standard orders' 1, so it is served next whatever else waits in its pool.
    /// </summary>
    public const int ExpeditedPriority = -1;

    /// <summary>What a held job waiting for its file says.</summary>
    public const string WaitingForSlicedFile = "The design needs slicing: waiting for an operator to attach a sliced file.";

    /// <summary>Job ids are derived, so creating a job twice (a retry) lands on the same grain.</summary>
    public static string IdFor(string orderReference, int itemIndex, int copy) =>
        $"{orderReference}-{itemIndex + 1}-{copy}";

    /// <summary>
    /// Whether <paramref name="jobId"/> has the shape <see cref="IdFor"/> gives: a well-formed
    /// order reference, then an item and a copy numbered from 1. A reader asking for anything
    /// else is answered without activating a job grain (and reading the database) for it.
    /// </summary>
    public static bool IsWellFormedId(string? jobId)
    {
        if (jobId is null || jobId.Length < 17 || jobId.Length > 13 + 12) return false;
        if (!Orders.OrderReference.IsWellFormed(jobId[..13]) || jobId[13] != '-') return false;
        var numbers = jobId.AsSpan(14);
        var dash = numbers.IndexOf('-');
        return dash > 0 && IsCount(numbers[..dash]) && IsCount(numbers[(dash + 1)..]);
    }

    /// <summary>The order a well-formed job id belongs to (<see cref="IsWellFormedId"/> first).</summary>
    public static string OrderReferenceOf(string jobId) => jobId[..13];

    private static bool IsCount(ReadOnlySpan<char> digits) =>
        digits.Length is > 0 and <= 5 && digits[0] is >= '1' and <= '9' && digits.IndexOfAnyExceptInRange('0', '9') < 0;
}
