namespace PrintFarm.Protocol; public static class Placeholder {}
