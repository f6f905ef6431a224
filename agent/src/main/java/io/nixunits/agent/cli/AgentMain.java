package io.nixunits.agent.cli; public final class AgentMain { public static void main(String[] a) {} }
