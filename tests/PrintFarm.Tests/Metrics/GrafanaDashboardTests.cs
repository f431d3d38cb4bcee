using System.Text.Json;

namespace PrintFarm.Tests.Metrics;

/// <summary>The sample dashboard in deploy/grafana parses, and asks for the metrics the farm exposes under their exported names.</summary>
[Trait("Category", "Unit")]
public sealed class GrafanaDashboardTests
{
    [Fact]
    public void The_sample_dashboard_is_valid_json_with_a_panel_per_figure()
    {
        var path = Path.Combine(FarmBinaries.RepositoryRoot, "deploy", "grafana", "printfarm-dashboard.json");
        using var dashboard = JsonDocument.Parse(File.ReadAllText(path));
        var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        string[] metrics =
        [
            "printfarm_ingress_received_total", "printfarm_ingress_dropped_total", "printfarm_telemetry_latency_milliseconds_bucket",
            "printfarm_printers", "printfarm_jobs", "printfarm_queue_depth", "printfarm_orders_late", "printfarm_printer_links",
        ];
        foreach (var metric in metrics) Assert.Contains(expressions, e => e.Contains(metric + "{") || e.Contains(metric + "[") || e.Contains(metric + ")"));
        Assert.Contains(expressions, e => e.StartsWith("histogram_quantile(0.99", StringComparison.Ordinal));
    }
}
