namespace PrintFarm.Notifications;

/// <summary>Who an email is for: the templates word it for each.</summary>
public enum EmailAudience
{
    Customer,
    Shop,
}
