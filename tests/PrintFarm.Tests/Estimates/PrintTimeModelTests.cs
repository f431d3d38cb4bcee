using System.Text.Json;
using PrintFarm.Estimates;

namespace PrintFarm.Tests.Estimates;

[Trait("Category", "Unit")]
public sealed class PrintTimeModelTests
{
    [Fact]
    public void With_nothing_learned_the_slicer_is_believed()
    {
        var model = new PrintTimeModel();
        Assert.Equal(1.0, model.Factor("MK4", "PLA"));
        Assert.Equal(1.0, model.Factor(null, "PLA"));
        Assert.Equal(TimeSpan.FromHours(2), model.ExpectedPrintTime(7200, "MK4", "PLA"));
    }

    [Fact]
    public void Learning_converges_to_the_real_ratio()
    {
        var model = new PrintTimeModel();
        for (var i = 0; i < 60; i++) model.Learn("MK4", "PLA", 3600, 3600 * (i % 2 == 0 ? 1.18 : 1.22));
        Assert.InRange(model.Factor("MK4", "PLA"), 1.18, 1.22);
    }

    [Fact]
    public void One_print_moves_the_factor_only_part_of_the_way()
    {
        var model = new PrintTimeModel();
        model.Learn("MK4", "PLA", 3600, 5400);
        var factor = model.Factor("MK4", "PLA");
        Assert.True(factor > 1.0 && factor < 1.5, $"factor {factor}");
    }

    [Fact]
    public void The_factor_is_trusted_fully_after_enough_samples()
    {
        var learning = new PrintTimeLearning { TrustAfter = 5, Smoothing = 0.1 };
        var model = new PrintTimeModel(new PrintTimeState(), learning);
        for (var i = 0; i < 5; i++) model.Learn("MK4", "PLA", 1000, 1500);
        Assert.Equal(1.5, model.Factor("MK4", "PLA"), 6);
    }

    [Fact]
    public void Absurd_reports_are_clamped()
    {
        var model = new PrintTimeModel();
        for (var i = 0; i < 50; i++) model.Learn("MK4", "PLA", 600, 600 * 40.0); // paused overnight
        Assert.Equal(new PrintTimeLearning().MaxFactor, model.Factor("MK4", "PLA"));

        var fast = new PrintTimeModel();
        for (var i = 0; i < 50; i++) fast.Learn("MK4", "PLA", 36000, 10);
        Assert.Equal(new PrintTimeLearning().MinFactor, fast.Factor("MK4", "PLA"));
    }

    [Fact]
    public void Broken_reports_teach_nothing()
    {
        var model = new PrintTimeModel();
        model.Learn("MK4", "PLA", 0, 3600);
        model.Learn("MK4", "PLA", 3600, 0);
        model.Learn("MK4", "PLA", 3600, -5);
        model.Learn("MK4", "PLA", 3600, double.NaN);
        model.Learn("MK4", "PLA", 3600, double.PositiveInfinity);
        Assert.Empty(model.State.Factors);
        Assert.Equal(1.0, model.Factor("MK4", "PLA"));
    }

    [Fact]
    public void Each_model_and_material_learns_its_own_factor_and_unknowns_fall_back()
    {
        var model = new PrintTimeModel();
        for (var i = 0; i < 100; i++)
        {
            model.Learn("MK4", "PLA", 3600, 3600 * 1.3);
            model.Learn("X1C", "PLA", 3600, 3600 * 0.9);
        }
        Assert.Equal(1.3, model.Factor("MK4", "PLA"), 3);
        Assert.Equal(0.9, model.Factor("X1C", "PLA"), 3);

        // Printer not known yet (a queued job) or a model never seen: what PLA does on this farm.
        var pla = model.Factor(null, "PLA");
        Assert.InRange(pla, 0.95, 1.25);
        Assert.Equal(pla, model.Factor("Ender-3", "PLA"));
        // A material never printed: the whole farm's factor.
        Assert.Equal(pla, model.Factor("MK4", "PETG"), 6);
    }

    [Fact]
    public void Names_are_matched_without_regard_to_case()
    {
        var model = new PrintTimeModel();
        for (var i = 0; i < 20; i++) model.Learn("mk4", "pla", 3600, 4320);
        Assert.Equal(1.2, model.Factor("MK4", "PLA"), 6);
    }

    [Fact]
    public void The_learned_state_survives_storage()
    {
        var model = new PrintTimeModel();
        for (var i = 0; i < 7; i++) model.Learn("MK4", "PETG", 3600, 4000 + i * 10);
        var json = JsonSerializer.Serialize(model.State);
        var restored = new PrintTimeModel(JsonSerializer.Deserialize<PrintTimeState>(json)!, new PrintTimeLearning());
        Assert.Equal(model.Factor("MK4", "PETG"), restored.Factor("MK4", "PETG"));
        Assert.Equal(model.Factor(null, "PETG"), restored.Factor(null, "PETG"));
    }
}
