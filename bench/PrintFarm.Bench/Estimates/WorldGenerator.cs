using PrintFarm.Dispatch;
using PrintFarm.Jobs;

namespace PrintFarm.Bench.Estimates;

/// <summary>Builds the fleet and the orders of a run from its seed, before anything happens.</summary>
public sealed class WorldGenerator(EstimatesBenchSettings settings)
{
    private static readonly string[] EuDestinations = ["DE", "BE", "ES", "IT", "NL", "PL", "AT", "PT", "SE", "IE"];
    private static readonly string[] WorldDestinations = ["US", "GB", "CH", "JP", "CA", "AU", "NO"];
    private static readonly double[] ItemCountWeights = [0.35, 0.25, 0.20, 0.12, 0.08];
    private static readonly double[] QuantityWeights = [0.50, 0.25, 0.15, 0.10];

    private const double MinSlicerSeconds = 20 * 60;
    private const double MaxSlicerSeconds = 10 * 3600;

    public List<SimPrinter> Fleet(Random random)
    {
        var printers = new List<SimPrinter>(settings.Printers);
        for (var i = 0; i < settings.Printers; i++)
        {
            var (model, factor) = settings.PrinterModels[i % settings.PrinterModels.Count];
            var first = random.NextWeighted(settings.MaterialShares);
            var materials = new List<string> { settings.Materials[first] };
            if (random.NextDouble() < settings.MultiMaterialShare)
            {
                var second = random.NextWeighted(settings.MaterialShares);
                if (second != first) materials.Add(settings.Materials[second]);
            }
            printers.Add(new SimPrinter($"p{i + 1:D4}", model, factor, materials) { IdleSince = settings.Start });
        }
        return printers;
    }

    /// <summary>Orders arrive as a Poisson process spread evenly over the run's days.</summary>
    public List<SimOrder> Orders(Random random)
    {
        var orders = new List<SimOrder>(settings.Orders);
        var meanGap = settings.Days * 86400.0 / settings.Orders;
        var at = settings.Start;
        for (var i = 0; i < settings.Orders; i++)
        {
            at = at.AddSeconds(random.NextExponential(meanGap));
            var method = random.NextDouble() switch
            {
                var r when r < settings.ExpressShare => "express",
                var r when r < settings.ExpressShare + settings.PickupShare => "pickup",
                _ => "standard",
            };
            var country = random.NextDouble() switch
            {
                < 0.60 => "FR",
                < 0.90 => random.Pick(EuDestinations),
                _ => random.Pick(WorldDestinations),
            };
            var order = new SimOrder($"PF-{i + 1:D6}", at, method, method == "pickup" ? "FR" : country);
            var items = 1 + random.NextWeighted(ItemCountWeights);
            for (var item = 0; item < items; item++)
            {
                var material = settings.Materials[random.NextWeighted(settings.MaterialShares)];
                var seconds = (int)random.NextLogUniform(MinSlicerSeconds, MaxSlicerSeconds);
                var copies = 1 + random.NextWeighted(QuantityWeights);
                for (var copy = 1; copy <= copies; copy++)
                {
                    var ticket = new JobTicket
                    {
                        JobId = PrintJobSpec.IdFor(order.Reference, item, copy),
                        OrderReference = order.Reference,
                        Technology = "FDM",
                        Material = material,
                        EstimatedPrintSeconds = seconds,
                        Priority = method == "express" ? 0 : 1,
                        PlacedAt = at,
                        Attempt = 1,
                    };
                    order.Jobs.Add(new SimJob(order, ticket) { StatusSince = at });
                    order.TotalPrintSeconds += seconds;
                }
            }
            orders.Add(order);
        }
        return orders;
    }
}
