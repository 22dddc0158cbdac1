package dev.syscalllens.agent.it;

class OtelAppJdk17IT extends OtelAppChecks {
    @Override
    Env.Jdk jdk() {
        return Env.Jdk.JDK17;
    }
}
