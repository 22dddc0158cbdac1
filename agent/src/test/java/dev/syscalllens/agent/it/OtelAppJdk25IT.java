package dev.syscalllens.agent.it;

class OtelAppJdk25IT extends OtelAppChecks {
    @Override
    Env.Jdk jdk() {
        return Env.Jdk.JDK25;
    }
}
