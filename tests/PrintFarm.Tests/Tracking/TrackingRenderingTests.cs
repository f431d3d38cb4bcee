using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PrintFarm.Estimates;
using PrintFarm.Gateway.Api;
using PrintFarm.Gateway.Tracking;
using PrintFarm.Orders;
using static PrintFarm.Tests.Tracking.TrackingSamples;

namespace PrintFarm.Tests.Tracking;

/// <summary>
/// The order section rendered alone, for the states the browser tests cannot easily reach
/// (estimates, carriers without a link, hostile text): what a customer would read.
/// </summary>
[Trait("Category", "Unit")]
public sealed class TrackingRenderingTests
{
    private static async Task<string> Render(OrderResponse order)
    {
        await using var services = new ServiceCollection().AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance).BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<OrderSection>(ParameterView.FromDictionary(new Dictionary<string, object?> { ["Order"] = order }));
            return output.ToHtmlString();
        });
    }

    [Fact]
    public async Task Without_an_estimate_the_customer_is_told_one_is_coming()
    {
        var html = await Render(Order(OrderStatus.Queued));

        Assert.Contains("We'll give you a delivery date as soon as your order is scheduled.", html);
        Assert.DoesNotContain("Ships by", html);
    }

    [Fact]
    public async Task An_estimate_reads_as_days_with_when_and_why_it_last_moved()
    {
        var html = await Render(Order(OrderStatus.Printing, with: v => v with
        {
            Estimate = new DeliveryEstimate
            {
                ShipBy = new DateTimeOffset(2026, 3, 5, 16, 0, 0, TimeSpan.Zero),
                DeliverBy = new DateTimeOffset(2026, 3, 9, 18, 0, 0, TimeSpan.Zero),
                UpdatedAt = new DateTimeOffset(2026, 3, 3, 14, 5, 0, TimeSpan.Zero),
                Reason = "print failed, reprinting",
            },
        }));

        Assert.Contains("Ships by", html);
        Assert.Contains("Thursday 5 March", html);
        Assert.Contains("Arrives by", html);
        Assert.Contains("Monday 9 March", html);
        Assert.Contains("datetime=\"2026-03-09T18:00:00Z\"", html);
        Assert.Contains("Updated <time datetime=\"2026-03-03T14:05:00Z\" data-show=\"moment\">Tue 3 Mar, 14:05 UTC</time> — print failed, reprinting", html);
    }

    [Fact]
    public async Task A_shipped_order_shows_its_carrier_and_links_only_to_a_web_address()
    {
        var shipped = Order(OrderStatus.Shipped, with: v => v with
        {
            Shipment = new Shipment { Carrier = "DHL", TrackingNumber = "JD0146", TrackingUrl = "https://www.dhl.com/track?id=JD0146", ShippedAt = Placed.AddDays(2) },
        });
        var html = await Render(shipped);
        Assert.Contains("Your order is on its way", html);
        Assert.Contains("<dd>DHL</dd>", html);
        Assert.Contains("JD0146", html);
        Assert.Contains("href=\"https://www.dhl.com/track?id=JD0146\"", html);
        Assert.Contains("rel=\"noopener noreferrer external\"", html);

        var sneaky = await Render(shipped with { Shipment = shipped.Shipment! with { TrackingUrl = "javascript:alert(1)" } });
        Assert.DoesNotContain("javascript:", sneaky);
        Assert.Contains("JD0146", sneaky);
    }

    [Fact]
    public async Task Text_from_the_order_is_encoded_never_markup()
    {
        var html = await Render(Order(OrderStatus.OnHold,
            item: v => { v.Items[0].Design = "<script>alert(1)</script>"; v.Items[0].Problem = "<b>clog</b>"; },
            with: v => v with { CustomerMessage = "<img src=x onerror=alert(1)>" }));

        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<b>clog", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }

    [Theory]
    [InlineData(OrderStatus.OnHold, "On hold.")]
    [InlineData(OrderStatus.Cancelled, "Cancelled.")]
    [InlineData(OrderStatus.Test, "Test order.")]
    public async Task Stages_beside_the_normal_flow_get_a_banner(OrderStatus status, string banner)
    {
        var html = await Render(Order(status, with: v => v with { CustomerMessage = "Waiting for your reply about the wall thickness." }));

        Assert.Contains("class=\"banner", html);
        Assert.Contains(banner, html);
        Assert.Contains("Waiting for your reply about the wall thickness.", html);
    }

    [Fact]
    public async Task A_blocked_item_says_so_beside_it_with_its_problem()
    {
        var html = await Render(Order(OrderStatus.Queued, item: v =>
        {
            v.Items[0].Status = ItemStatus.Blocked;
            v.Items[0].Problem = "print failed: nozzle clog; 3 attempts used, waiting for an operator";
        }));

        Assert.Contains("Needs our attention", html);
        Assert.Contains("print failed: nozzle clog; 3 attempts used, waiting for an operator", html);
    }
}
