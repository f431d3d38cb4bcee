namespace PrintFarm.Notifications;

/// <summary>Renders an event's email from the operator's templates (Fluid, in the silo).</summary>
public interface IEmailComposer
{
    ComposedEmail Compose(OrderEvent e, Orders.OrderView order, CustomerContact contact, EmailAudience audience, string trackingUrl);
}
