using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrintFarm.Bench.Estimates;

/// <summary>The bench's result: the scores side by side, the parameters that produced them, and how the run went.</summary>
public sealed record EstimatesBenchReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a file for people: "MINI+", not "MINI\u002B"
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The farm's estimator as configured (by default with one business day of carrier margin).</summary>
    public required AccuracyScore Farm { get; init; }
    /// <summary>The same estimates promising only the carrier's published transit days.</summary>
    public required AccuracyScore FarmPublishedTransit { get; init; }
    public required AccuracyScore Naive { get; init; }
    public required Dictionary<string, object> Parameters { get; init; }
    public required Dictionary<string, object> Simulation { get; init; }
    public required IReadOnlyList<LearnedFactorReport> LearnedFactors { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public void WriteTable(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c,
            $"Delivery estimates: {Parameters["orders"]} orders over {Parameters["days"]} days, {Parameters["printers"]} printers, seed {Parameters["seed"]}"));
        output.WriteLine(string.Create(c,
            $"({Simulation["printJobs"]} print jobs, {Simulation["failedPrints"]} failed prints, utilization {(double)Simulation["utilization"]:P0}, simulated in {(double)Simulation["wallSeconds"]:F1} s)"));
        output.WriteLine();
        output.WriteLine($"{"",-42}{"farm",10}{"farm*",10}{"naive",10}");
        Row(output, "mean abs. error at placement (h)", s => s.MaeHoursAtPlacement, "F1");
        Row(output, "mean abs. error at 50% printed (h)", s => s.MaeHoursAtHalf, "F1");
        Row(output, "delivered later than promised", s => s.LateShare, "P1");
        Row(output, "  left the farm later than promised", s => s.ShippedLateShare, "P1");
        Row(output, "  mean lateness of late orders (h)", s => s.MeanHoursLate, "F1");
        Row(output, "delivered later than the 50% estimate", s => s.LateShareAtHalf, "P1");
        Row(output, "mean error at placement (h, - = early)", s => s.MeanErrorHoursAtPlacement, "F1");
        Row(output, "90th pct abs. error at placement (h)", s => s.P90AbsErrorHoursAtPlacement, "F1");
        Row(output, "mean promised wait (h)", s => s.MeanPromisedLeadHours, "F1");
        output.WriteLine();
        output.WriteLine("farm*: the same estimates promising only the carrier's published transit days (Estimates:TransitMarginDays=0).");
        output.WriteLine(string.Create(c, $"naive: placement + slicer times of the parts left + {(double)Parameters["naiveLeadTimeHours"] / 24:0.#} days + transit."));
    }

    private void Row(TextWriter output, string label, Func<AccuracyScore, double> figure, string format)
    {
        string Cell(AccuracyScore score) => figure(score).ToString(format, CultureInfo.InvariantCulture);
        output.WriteLine($"{label,-42}{Cell(Farm),10}{Cell(FarmPublishedTransit),10}{Cell(Naive),10}");
    }
}
