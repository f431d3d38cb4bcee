using Microsoft.Extensions.Options;
using PrintFarm.Notifications;
using PrintFarm.Orders;
using PrintFarm.Silo.Notifications;
using PrintFarm.Tests.Orders;

namespace PrintFarm.Tests.Notifications;

/// <summary>The built-in email templates and an operator's own, rendered with Fluid as the silo does.</summary>
[Trait("Category", "Unit")]
public sealed class EmailTemplateTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 23, 30, 0, TimeSpan.Zero);

    private static OrderView Order(string name = "Ada <script>")
    {
        var state = PrintFarm.Orders.Order.Place("PF-MAILTEST", OrderSamples.Valid(quantity: 1) with { Customer = new CustomerInfo { Name = name, Email = "ada@example.com" } }, Now);
        state.Estimate = new PrintFarm.Estimates.DeliveryEstimate { ShipBy = Now.AddDays(1), DeliverBy = Now.AddDays(3), UpdatedAt = Now, Reason = "test" };
        return state.View();
    }

    private static OrderEvent Event(string type, OrderStatus status = OrderStatus.Received) =>
        new() { Id = "PF-MAILTEST.1", Type = type, Time = Now, Reference = "PF-MAILTEST", Status = status };

    private static FluidEmailComposer Composer(Action<EmailOptions>? configure = null)
    {
        var options = new NotificationOptions();
        configure?.Invoke(options.Email);
        return new FluidEmailComposer(Options.Create(options));
    }

    [Fact]
    public void The_customer_and_the_shop_each_get_their_words_and_the_tracking_link()
    {
        var composer = Composer();
        var order = Order();
        var customer = composer.Compose(Event(OrderEventTypes.Placed), order, new CustomerContact { Name = "Ada <script>" }, EmailAudience.Customer, "https://track.example.com/tracking/PF-MAILTEST");
        Assert.Equal("We have your order PF-MAILTEST", customer.Subject);
        Assert.Contains("https://track.example.com/tracking/PF-MAILTEST", customer.Text);
        Assert.Contains("href=\"https://track.example.com/tracking/PF-MAILTEST\"", customer.Html);
        Assert.Contains("Ada &lt;script&gt;", customer.Html); // HTML is encoded; text is not
        Assert.DoesNotContain("<script>", customer.Html);
        Assert.Contains("Ada <script>", customer.Text);
        var shop = composer.Compose(Event(OrderEventTypes.Placed, OrderStatus.InReview), order, new CustomerContact { Name = "Ada" }, EmailAudience.Shop, "https://t/x");
        Assert.Equal("New order PF-MAILTEST to review", shop.Subject);
        Assert.Contains("needs reviewing", shop.Text);
    }

    [Fact]
    public void Dates_are_in_the_customers_language_and_time_zone()
    {
        var composer = Composer();
        var english = composer.Compose(Event(OrderEventTypes.StatusChanged, OrderStatus.Queued), Order(), new CustomerContact { Name = "Ada" }, EmailAudience.Customer, "https://t/x");
        Assert.Contains("Expected delivery: Thursday, December 10, 2026", english.Text);
        // 23:30 UTC on the 10th is already the 11th in Tokyo.
        var japanese = composer.Compose(Event(OrderEventTypes.StatusChanged, OrderStatus.Queued), Order(), new CustomerContact { Name = "Ada", Language = "fr", TimeZone = "Asia/Tokyo" }, EmailAudience.Customer, "https://t/x");
        Assert.Contains("vendredi 11 décembre 2026", japanese.Text);
    }

    [Fact]
    public void An_operators_template_replaces_the_built_in_one_and_a_broken_one_stops_the_start()
    {
        var folder = Path.Combine(PrintFarm.Harness.TestFolders.Root, $"templates-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "order.cancelled.txt.liquid"), "Subject: {{ order.reference }} annulée\nBonjour {{ customer_name }}. {{ tracking_url }}");
        var composer = Composer(e => e.TemplatesFolder = folder);
        var mail = composer.Compose(Event(OrderEventTypes.Cancelled, OrderStatus.Cancelled), Order(), new CustomerContact { Name = "Ada" }, EmailAudience.Customer, "https://t/x");
        Assert.Equal("PF-MAILTEST annulée", mail.Subject);
        Assert.Equal("Bonjour Ada. https://t/x", mail.Text.Trim());
        Assert.Contains("cancelled", mail.Html); // the HTML falls back to the built-in template

        File.WriteAllText(Path.Combine(folder, "default.txt.liquid"), "{% if %}");
        var broken = Assert.Throws<InvalidOperationException>(() => Composer(e => e.TemplatesFolder = folder));
        Assert.Contains("default.txt.liquid", broken.Message);
    }
}
