namespace PrintFarm.Notifications;

/// <summary>Renders an event's email from the operator's templates (Fluid, in the silo).</summary>
public interface IEmailComposer
{
    ComposedEmail Compose(OrderEvent e, Orders.OrderView order, CustomerContact contact, EmailAudience audience, string trackingUrl);

    /// <summary>The shop's digest of late orders (<c>digest.late_orders.*.liquid</c>); <paramref name="trackingUrl"/> gives each order's page.</summary>
    ComposedEmail ComposeDigest(IReadOnlyList<Orders.LateOrder> late, DateOnly day, Func<string, string> trackingUrl);
}
